import Fluent
import Foundation
import LanternCore
import PropertyBased
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// Random knowledge bases, companies and identities: every widget path must serve exactly what a plain
/// reference predicate allows.
@Suite("Visibility property")
struct VisibilityPropertyTests {
    /// A deterministic random source for one generated knowledge base.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    struct FolderSpec { let id: Int; let categoryID: Int; let visibility: Int; let companies: Set<Int> }
    struct ArticleSpec { let id: Int; let folder: FolderSpec; let published: Bool }

    /// The reference: written out case by case, independently of `VisibilityRule`.
    static func visible(_ article: ArticleSpec, widgetCategories: Set<Int>, contactCompanies: Set<Int>?) -> Bool {
        guard article.published else { return false }
        guard widgetCategories.isEmpty || widgetCategories.contains(article.folder.categoryID) else { return false }
        switch article.folder.visibility {
        case 1: return true
        case 2: return contactCompanies != nil
        case 4: return !(contactCompanies ?? []).isDisjoint(with: article.folder.companies)
        default: return false
        }
    }

    @Test("Every widget path serves exactly the visible articles", .timeLimit(.minutes(5)),
          arguments: [LanternSettings.SearchEngine.memory, .database])
    func property(engine: LanternSettings.SearchEngine) async throws {
        try await withLantern(searchEngine: engine) { app in
            await propertyCheck(count: 12, input: Gen.int(in: 0...Int(Int32.max))) { seed in
                do {
                    try await Self.check(seed: UInt64(seed), app: app)
                } catch {
                    Issue.record("seed \(seed): \(error)")
                }
            }
        }
    }

    static func check(seed: UInt64, app: Application) async throws {
        var random = SplitMix(state: seed)
        let db = app.db
        let account = try await AccountProvisioner.provision(
            .init(accountName: "Property \(seed)", adminEmail: "p\(seed)@prop.example", adminPassword: "password1",
                  supportedLanguages: ["en", "fr"]), on: app)
        let accountID = account.accountID
        var companies: [Int] = []
        for index in 0..<Int.random(in: 0...3, using: &random) {
            let company = Company(accountID: accountID, name: "Company \(index)", domains: ["c\(index)-\(seed).example"])
            try await company.create(on: db)
            companies.append(try company.requireID())
        }
        var categories: [Int] = []
        for index in 0..<Int.random(in: 1...3, using: &random) {
            let category = SolutionCategory(accountID: accountID, name: "Category \(index)", description: "", position: index)
            try await category.create(on: db)
            categories.append(try category.requireID())
        }
        var articles: [ArticleSpec] = []
        for index in 0..<Int.random(in: 1...7, using: &random) {
            let visibility = Int.random(in: 1...5, using: &random)
            let categoryID = categories.randomElement(using: &random)!
            let folderCompanies = visibility == 4 ? Set(companies.filter { _ in Bool.random(using: &random) }) : []
            let folder = SolutionFolder(accountID: accountID, categoryID: categoryID, name: "Folder \(index)", description: "",
                                        visibility: FolderVisibility(rawValue: visibility)!, position: index)
            try await folder.create(on: db)
            let folderID = try folder.requireID()
            for company in folderCompanies {
                try await FolderCompany(accountID: accountID, folderID: folderID, companyID: company).create(on: db)
            }
            let spec = FolderSpec(id: folderID, categoryID: categoryID, visibility: visibility, companies: folderCompanies)
            for number in 0..<Int.random(in: 0...4, using: &random) {
                let published = Int.random(in: 0..<4, using: &random) > 0
                let (article, _) = try await ArticleStore.create(
                    accountID: accountID, folderID: folderID, language: Bool.random(using: &random) ? "en" : "fr",
                    fields: .init(title: "Zebra guide \(index)-\(number)", description: "<p>Zebra crossing steps number \(number).</p>",
                                  status: published ? .published : .draft, tags: []), on: db)
                articles.append(ArticleSpec(id: try article.requireID(), folder: spec, published: published))
            }
        }
        var widgetCategories: Set<Int> = []
        if Bool.random(using: &random) {
            widgetCategories = Set(categories.filter { _ in Bool.random(using: &random) })
            for category in widgetCategories {
                try await WidgetCategory(accountID: accountID, widgetID: account.widgetID, categoryID: category).create(on: db)
            }
        }

        // Identities: anonymous, and contacts with random company memberships.
        var identities: [(session: String?, companies: Set<Int>?)] = [(nil, nil)]
        for index in 0..<2 {
            let email = "contact\(index)@person-\(seed).example"
            let contact = Contact(accountID: accountID, name: "Contact \(index)", email: email)
            try await contact.create(on: db)
            let memberships = Set(companies.filter { _ in Bool.random(using: &random) })
            for company in memberships {
                try await CompanyMembership(accountID: accountID, contactID: contact.requireID(), companyID: company).create(on: db)
            }
            identities.append((try await app.signIn(account, name: "Contact \(index)", email: email).session_token, memberships))
        }

        let base = "widget/v1/widgets/\(account.widgetID)"
        for identity in identities {
            let expected = Set(articles.filter { visible($0, widgetCategories: widgetCategories, contactCompanies: identity.companies) }.map(\.id))
            let label = "seed \(seed), companies \(identity.companies.map { $0.sorted().description } ?? "anonymous")"

            let listed = try await app.widgetGet("\(base)/articles?per_page=50", session: identity.session).json(HitsBody.self)
            #expect(Set(listed.articles.map(\.id)) == expected, "list, \(label)")
            #expect(listed.total == expected.count, "list total, \(label)")

            for query in ["zebra", "zebr", "crossing steps"] {
                let found = try await app.widgetGet("\(base)/articles?per_page=50&query=\(query.replacingOccurrences(of: " ", with: "%20"))",
                                                    session: identity.session).json(HitsBody.self)
                #expect(Set(found.articles.map(\.id)) == expected, "search \(query), \(label)")
                #expect(found.total == expected.count, "search total \(query), \(label)")
                #expect(found.articles.allSatisfy { !$0.snippet.isEmpty }, "snippets, \(label)")
            }

            let tree = try await app.widgetGet("\(base)/categories", session: identity.session).json(TreeBody.self)
            var expectedFolders: [Int: Int] = [:]
            for article in articles where expected.contains(article.id) { expectedFolders[article.folder.id, default: 0] += 1 }
            let servedFolders = Dictionary(uniqueKeysWithValues: tree.categories.flatMap(\.folders).map { ($0.id, $0.article_count) })
            #expect(servedFolders == expectedFolders, "tree, \(label)")

            for article in articles {
                let fetched = try await app.widgetGet("\(base)/articles/\(article.id)", session: identity.session)
                #expect(fetched.status == (expected.contains(article.id) ? .ok : .notFound), "fetch \(article.id), \(label)")
                let vote = try await app.testing().sendRequest(
                    .POST, "\(base)/articles/\(article.id)/feedback",
                    headers: identity.session.map { ["Authorization": "Bearer \($0)"] } ?? [:],
                    beforeRequest: { try $0.content.encode(["helpful": true]) })
                #expect(vote.status == (expected.contains(article.id) ? .noContent : .notFound), "feedback \(article.id), \(label)")
            }
        }
    }
}

struct TreeBody: Decodable {
    struct Folder: Decodable { let id: Int; let article_count: Int }
    struct Category: Decodable { let id: Int; let folders: [Folder] }
    let categories: [Category]
}
