import Fluent
import Foundation
import LanternCore
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// Nothing a reader may not see changes any byte of a search answer to them: results, totals, snippets,
/// highlights, corrections and completions, headers (issue 14, items 2 and 12). Both engines; both databases when
/// `LANTERN_TEST_DATABASE_URL` is set.
@Suite("Search hides hidden content")
struct SearchHiddenContentTests {
    /// A response as bytes: status, headers and body, but for what differs on every request: `Date`, the request id
    /// and the values of the portal's fresh CSRF and analytics visit cookies.
    static func answer(_ app: Application, _ path: String, headers: HTTPHeaders = [:]) async throws -> String {
        let response = try await app.testing().sendRequest(.GET, path, headers: headers)
        let kept = response.headers.filter { !["date", "x-request-id"].contains($0.name.lowercased()) }
            .map { header in
                var value = header.value
                if header.name.lowercased() == "set-cookie", value.hasPrefix("lantern_support_csrf="), let end = value.firstIndex(of: ";") {
                    value = "lantern_support_csrf=…" + value[end...]
                }
                // The analytics visit cookie: a random id, valid until midnight UTC.
                if header.name.lowercased() == "set-cookie", value.hasPrefix("lantern_support_visit=") {
                    value = "lantern_support_visit=…"
                }
                return "\(header.name): \(value)"
            }.sorted()
        return "\(response.status.code)\n\(kept.joined(separator: "\n"))\n\n\(response.body.string)"
    }

    static func encoded(_ query: String) -> String {
        query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    @Test("A draft's word is not spelled out by type-ahead or typo correction (widget and portal)",
          arguments: [LanternSettings.SearchEngine.memory, .database])
    func quixotronics(engine: LanternSettings.SearchEngine) async throws {
        try await withLantern(searchEngine: engine) { app in
            let account = try await makeAccount(app, name: "Quixote")
            let category = SolutionCategory(accountID: account.accountID, name: "Books", description: "", position: 1)
            try await category.create(on: app.db)
            let folder = SolutionFolder(accountID: account.accountID, categoryID: try category.requireID(), name: "Novels",
                                        description: "", visibility: .allUsers, position: 1)
            try await folder.create(on: app.db)
            let folderID = try folder.requireID()
            _ = try await ArticleStore.create(accountID: account.accountID, folderID: folderID, language: "en",
                                              fields: .init(title: "Reading Don Quixote", description: "<p>Quixote tilts at windmills.</p>",
                                                            status: .published, tags: []), on: app.db)
            app.lantern.supportWidgetID = account.widgetID
            let queries = ["quixot", "quixotr", "quixotx"]
            func answers() async throws -> [String] {
                var all: [String] = []
                for query in queries {
                    all.append(try await Self.answer(app, "widget/v1/widgets/\(account.widgetID)/articles?query=\(query)"))
                    all.append(try await Self.answer(app, "/support/search?term=\(query)"))
                }
                return all
            }
            let before = try await answers()
            // Every query finds the visible article ("quixotr" and "quixotx" by correction to "quixote").
            for answer in before where answer.contains("\"total\"") { #expect(answer.contains("\"total\":1"), "\(answer)") }
            let (draft, _) = try await ArticleStore.create(
                accountID: account.accountID, folderID: folderID, language: "en",
                fields: .init(title: "Quixotronics", description: "<p>Quixotronics quixotronics launch plan.</p>", status: .draft, tags: []),
                on: app.db)
            #expect(try await answers() == before, "with the draft")
            try await ArticleStore.delete(draft, on: app.db)
            #expect(try await answers() == before, "after the draft is deleted")
        }
    }

    @Test("Widget search answers carry no database timing")
    func noTiming() async throws {
        try await withLantern(searchEngine: .database) { app in
            let kb = try await SampleKnowledgeBase.make(app)
            let response = try await app.widgetGet("widget/v1/widgets/\(kb.account.widgetID)/articles?query=password")
            #expect(response.status == .ok)
            #expect(response.headers.first(name: "Server-Timing") == "search;desc=database")
        }
    }

    // MARK: - The property

    /// Words of the visible knowledge base; queries are made from them, hidden articles from them and their near misses.
    static let vocabulary = ["password", "passport", "reset", "account", "billing", "invoice", "invoices", "export",
                             "import", "profile", "settings", "printer", "prince", "window", "widget", "schedule",
                             "scheduler", "language", "login", "logout", "payment", "payments", "refund", "report"]

    /// The fixed knowledge base: visible folders, folders some readers may not see, another account.
    struct World {
        let app: Application
        let account: AccountProvisioner.Result
        /// A widget restricted to the first category.
        let restrictedWidget: Int
        let open: Int, loggedIn: Int, companyA: Int, companyB: Int, agents: Int, bots: Int
        /// An all-users folder in the second category (hidden from the restricted widget only).
        let otherCategory: Int
        let foreignAccount: Int, foreignFolder: Int
        /// The session of a contact of company A.
        let companySession: String
    }

    /// Who is reading, and what the harness may add without them seeing it.
    enum Reader: CaseIterable {
        case anonymous, companyContact, restrictedWidget

        enum Hidden: CaseIterable { case draft, loggedIn, companyA, companyB, agents, bots, otherCategory, otherAccount }

        var hidden: [Hidden] {
            switch self {
            case .anonymous: [.draft, .loggedIn, .companyA, .companyB, .agents, .bots, .otherAccount]
            case .companyContact: [.draft, .companyB, .agents, .bots, .otherAccount]
            case .restrictedWidget: [.draft, .companyB, .agents, .bots, .otherCategory, .otherAccount]
            }
        }
    }

    static func makeWorld(_ app: Application) async throws -> World {
        var random = VisibilityPropertyTests.SplitMix(state: 14)
        let db = app.db
        let account = try await makeAccount(app, name: "Hidden words")
        let accountID = account.accountID
        let acme = Company(accountID: accountID, name: "Acme", domains: ["acme.example"])
        try await acme.create(on: db)
        let globex = Company(accountID: accountID, name: "Globex", domains: ["globex.example"])
        try await globex.create(on: db)
        var categories: [Int] = []
        for index in 1...2 {
            let category = SolutionCategory(accountID: accountID, name: "Category \(index)", description: "", position: index)
            try await category.create(on: db)
            categories.append(try category.requireID())
        }
        func folder(_ visibility: FolderVisibility, category: Int, companies: [Int] = [], account: Int = accountID) async throws -> Int {
            let folder = SolutionFolder(accountID: account, categoryID: category, name: "\(visibility)", description: "",
                                        visibility: visibility, position: 1)
            try await folder.create(on: db)
            for company in companies {
                try await FolderCompany(accountID: account, folderID: folder.requireID(), companyID: company).create(on: db)
            }
            return try folder.requireID()
        }
        let open = try await folder(.allUsers, category: categories[0])
        let loggedIn = try await folder(.loggedInUsers, category: categories[0])
        let companyA = try await folder(.selectedCompanies, category: categories[0], companies: [try acme.requireID()])
        let companyB = try await folder(.selectedCompanies, category: categories[0], companies: [try globex.requireID()])
        let agents = try await folder(.agents, category: categories[0])
        let bots = try await folder(.bots, category: categories[0])
        let otherCategory = try await folder(.allUsers, category: categories[1])
        // The visible base: articles of random vocabulary in the folders some reader sees.
        for (index, folderID) in [open, open, open, open, open, loggedIn, companyA, otherCategory, open, companyA, loggedIn].enumerated() {
            let title = (0..<2).map { _ in vocabulary.randomElement(using: &random)! }.joined(separator: " ")
            let body = (0..<Int.random(in: 5...25, using: &random)).map { _ in vocabulary.randomElement(using: &random)! }.joined(separator: " ")
            _ = try await ArticleStore.create(accountID: accountID, folderID: folderID, language: "en",
                                              fields: .init(title: "\(title.capitalized) \(index)", description: "<p>\(body).</p>",
                                                            status: .published, tags: []), on: db)
        }
        let restricted = Widget(accountID: accountID, name: "Restricted", defaultLanguage: nil)
        try await restricted.create(on: db)
        try await WidgetCategory(accountID: accountID, widgetID: try restricted.requireID(), categoryID: categories[0]).create(on: db)

        let contact = Contact(accountID: accountID, name: "Ann Acme", email: "ann@acme.example")
        try await contact.create(on: db)
        try await CompanyMembership(accountID: accountID, contactID: contact.requireID(), companyID: try acme.requireID()).create(on: db)
        let session = try await app.signIn(account, name: "Ann Acme", email: "ann@acme.example").session_token

        let foreign = try await makeAccount(app, name: "Another tenant")
        let foreignCategory = SolutionCategory(accountID: foreign.accountID, name: "Theirs", description: "", position: 1)
        try await foreignCategory.create(on: db)
        let foreignFolder = try await folder(.allUsers, category: try foreignCategory.requireID(), account: foreign.accountID)
        return World(app: app, account: account, restrictedWidget: try restricted.requireID(), open: open, loggedIn: loggedIn,
                     companyA: companyA, companyB: companyB, agents: agents, bots: bots, otherCategory: otherCategory,
                     foreignAccount: foreign.accountID, foreignFolder: foreignFolder, companySession: session)
    }

    /// A one-edit variant of `word` (substitution, insertion, deletion or transposition).
    static func nearMiss(_ word: String, using random: inout VisibilityPropertyTests.SplitMix) -> String {
        var letters = Array(word)
        let letter = "abcdefghijklmnopqrstuvwxyz".randomElement(using: &random)!
        let position = Int.random(in: 0..<letters.count, using: &random)
        switch Int.random(in: 0..<4, using: &random) {
        case 0: letters[position] = letter
        case 1: letters.insert(letter, at: position)
        case 2 where letters.count > 4: letters.remove(at: position)
        default: if position + 1 < letters.count { letters.swapAt(position, position + 1) } else { letters.append(letter) }
        }
        return String(letters)
    }

    /// A random query: a word, a typo, a prefix being typed, or several of them.
    static func query(using random: inout VisibilityPropertyTests.SplitMix) -> String {
        let words = (0..<Int.random(in: 1...3, using: &random)).map { _ -> String in
            let word = vocabulary.randomElement(using: &random)!
            return Bool.random(using: &random) ? nearMiss(word, using: &random) : word
        }
        var text = words.joined(separator: " ")
        if Bool.random(using: &random), let last = words.last, last.count > 3 {
            text = String(text.dropLast(Int.random(in: 1...(last.count - 3), using: &random)))
        }
        return text
    }

    /// Words for a hidden article: near misses and extensions of the queries' words, and fresh ones.
    static func hiddenWords(for queries: [String], using random: inout VisibilityPropertyTests.SplitMix) -> [String] {
        var words: [String] = []
        for word in queries.flatMap({ $0.split(separator: " ").map(String.init) }) {
            words.append(nearMiss(word, using: &random))
            words.append(word + String((0..<Int.random(in: 1...4, using: &random)).map { _ in "aeioustr".randomElement(using: &random)! }))
            words.append(word)
        }
        words.append(contentsOf: (0..<3).map { _ in String((0..<8).map { _ in "abcdefghijklmnopqrstuvwxyz".randomElement(using: &random)! }) })
        return words.shuffled(using: &random)
    }

    /// Adds an article of `words` that `kind` says where to put; returns it, to delete.
    static func add(_ kind: Reader.Hidden, words: [String], in world: World, using random: inout VisibilityPropertyTests.SplitMix) async throws -> Article {
        let (folder, account, status): (Int, Int, Article.Status) = switch kind {
        case .draft: ([world.open, world.loggedIn, world.companyA, world.otherCategory].randomElement(using: &random)!, world.account.accountID, .draft)
        case .loggedIn: (world.loggedIn, world.account.accountID, .published)
        case .companyA: (world.companyA, world.account.accountID, .published)
        case .companyB: (world.companyB, world.account.accountID, .published)
        case .agents: (world.agents, world.account.accountID, .published)
        case .bots: (world.bots, world.account.accountID, .published)
        case .otherCategory: (world.otherCategory, world.account.accountID, .published)
        case .otherAccount: (world.foreignFolder, world.foreignAccount, .published)
        }
        let cut = Int.random(in: 1...min(4, words.count), using: &random)
        let (article, _) = try await ArticleStore.create(
            accountID: account, folderID: folder, language: "en",
            fields: .init(title: words.prefix(cut).joined(separator: " "), description: "<p>\(words.joined(separator: " ")).</p>",
                          status: status, tags: []), on: world.app.db)
        return article
    }

    static func answers(_ queries: [String], reader: Reader, world: World) async throws -> [String] {
        var all: [String] = []
        for query in queries {
            let widget = reader == .restrictedWidget ? world.restrictedWidget : world.account.widgetID
            let headers: HTTPHeaders = reader == .companyContact ? ["Authorization": "Bearer \(world.companySession)"] : [:]
            all.append(try await answer(world.app, "widget/v1/widgets/\(widget)/articles?per_page=5&query=\(encoded(query))", headers: headers))
        }
        return all
    }

    @Test("Random hidden articles, added or removed, never change a reader's answer bytes", .timeLimit(.minutes(5)),
          arguments: [LanternSettings.SearchEngine.memory, .database])
    func property(engine: LanternSettings.SearchEngine) async throws {
        try await withLantern(searchEngine: engine) { app in
            let world = try await Self.makeWorld(app)
            for seed in UInt64(1)...40 {
                var random = VisibilityPropertyTests.SplitMix(state: seed &* 7919)
                let reader = Reader.allCases.randomElement(using: &random)!
                let queries = (0..<3).map { _ in Self.query(using: &random) }
                let label = "seed \(seed), \(reader), queries \(queries)"
                let before = try await Self.answers(queries, reader: reader, world: world)
                var added: [Article] = []
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    let kind = reader.hidden.randomElement(using: &random)!
                    added.append(try await Self.add(kind, words: Self.hiddenWords(for: queries, using: &random), in: world, using: &random))
                }
                #expect(try await Self.answers(queries, reader: reader, world: world) == before, "added, \(label)")
                for article in added { try await ArticleStore.delete(article, on: app.db) }
                #expect(try await Self.answers(queries, reader: reader, world: world) == before, "removed, \(label)")
            }
        }
    }

    @Test("The same harness sees the change when the added article is visible to the reader",
          arguments: [LanternSettings.SearchEngine.memory, .database])
    func positiveControl(engine: LanternSettings.SearchEngine) async throws {
        try await withLantern(searchEngine: engine) { app in
            let world = try await Self.makeWorld(app)
            var changed = 0
            for seed in UInt64(1)...6 {
                var random = VisibilityPropertyTests.SplitMix(state: seed &* 7919)
                let reader = Reader.allCases.randomElement(using: &random)!
                let queries = (0..<3).map { _ in Self.query(using: &random) }
                let before = try await Self.answers(queries, reader: reader, world: world)
                let (article, _) = try await ArticleStore.create(
                    accountID: world.account.accountID, folderID: world.open, language: "en",
                    fields: .init(title: Self.hiddenWords(for: queries, using: &random).joined(separator: " "),
                                  description: "<p>\(queries.joined(separator: " ")).</p>", status: .published, tags: []), on: app.db)
                let after = try await Self.answers(queries, reader: reader, world: world)
                #expect(after != before, "seed \(seed), \(reader), queries \(queries)")
                if after != before { changed += 1 }
                try await ArticleStore.delete(article, on: app.db)
                #expect(try await Self.answers(queries, reader: reader, world: world) == before, "deleted again, seed \(seed)")
            }
            #expect(changed == 6)
        }
    }
}
