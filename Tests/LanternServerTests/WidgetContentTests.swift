import Fluent
import Foundation
import LanternCore
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// A small knowledge base built directly in the database, for widget read tests.
struct SampleKnowledgeBase {
    let account: AccountProvisioner.Result
    let acme: Int
    let publicArticle: Int
    let draftArticle: Int
    let loggedInArticle: Int
    let acmeArticle: Int
    let agentsArticle: Int
    let botsArticle: Int

    static func make(_ app: Application) async throws -> SampleKnowledgeBase {
        let account = try await AccountProvisioner.provision(
            .init(accountName: "KB", adminEmail: "kb-\(UUID().uuidString.prefix(6))@kb.example", adminPassword: "password1",
                  supportedLanguages: ["en", "fr"]), on: app)
        let db = app.db, accountID = account.accountID
        let acme = Company(accountID: accountID, name: "Acme", domains: ["acme.example"])
        try await acme.create(on: db)
        let category = SolutionCategory(accountID: accountID, name: "Help", description: "", position: 1)
        try await category.create(on: db)
        func folder(_ visibility: FolderVisibility, companies: [Int] = []) async throws -> Int {
            let folder = SolutionFolder(accountID: accountID, categoryID: try category.requireID(), name: "\(visibility)",
                                        description: "", visibility: visibility, position: 1)
            try await folder.create(on: db)
            for company in companies {
                try await FolderCompany(accountID: accountID, folderID: folder.requireID(), companyID: company).create(on: db)
            }
            return try folder.requireID()
        }
        func article(_ folderID: Int, _ title: String, body: String = "<p>Steps to follow for your account.</p>",
                     status: Article.Status = .published, french: String? = nil) async throws -> Int {
            let (article, _) = try await ArticleStore.create(accountID: accountID, folderID: folderID, language: "en",
                                                             fields: .init(title: title, description: body, status: status, tags: []), on: db)
            if let french {
                _ = try await ArticleStore.addTranslation(to: article, language: "fr",
                                                          fields: .init(title: french, description: "<p>Les étapes à suivre.</p>"), on: db)
            }
            return try article.requireID()
        }
        let all = try await folder(.allUsers)
        return SampleKnowledgeBase(
            account: account, acme: try acme.requireID(),
            publicArticle: try await article(all, "How do I change my password?", french: "Comment changer mon mot de passe ?"),
            draftArticle: try await article(all, "Draft password notes", status: .draft),
            loggedInArticle: try await article(try await folder(.loggedInUsers), "Update your billing details"),
            acmeArticle: try await article(try await folder(.selectedCompanies, companies: [try acme.requireID()]), "Acme single sign-on password"),
            agentsArticle: try await article(try await folder(.agents), "Internal password escalation"),
            botsArticle: try await article(try await folder(.bots), "Bot answer: password")
        )
    }
}

struct HitsBody: Decodable {
    struct Hit: Decodable {
        let id: Int
        let title: String
        let snippet: String
        let category_id: Int
        let folder_id: Int
        let language: String
    }
    let articles: [Hit]
    let total: Int
}

struct ServedArticleBody: Decodable, Equatable {
    let id: Int
    let title: String
    let description: String
    let language: String
    let fallback: Bool
    let thumbs_up: Int
    let thumbs_down: Int
}

extension Application {
    func widgetGet(_ path: String, session: String? = nil) async throws -> TestingHTTPResponse {
        try await testing().sendRequest(.GET, path, headers: session.map { ["Authorization": "Bearer \($0)"] } ?? [:])
    }
}

@Suite("Widget content")
struct WidgetContentTests {
    @Test("Anonymous visitors see only published all-users articles; company members also see their company's folder")
    func visibility() async throws {
        try await withLantern { app in
            let kb = try await SampleKnowledgeBase.make(app)
            let base = "widget/v1/widgets/\(kb.account.widgetID)"
            let anonymous = try await app.widgetGet("\(base)/articles?query=password").json(HitsBody.self)
            #expect(Set(anonymous.articles.map(\.id)) == [kb.publicArticle])
            #expect(anonymous.total == 1)

            let member = try await app.signIn(kb.account, name: "Alice", email: "alice@acme.example")
            #expect(member.contact.company_ids == [kb.acme])
            let signedIn = try await app.widgetGet("\(base)/articles?query=password", session: member.session_token).json(HitsBody.self)
            #expect(Set(signedIn.articles.map(\.id)) == [kb.publicArticle, kb.acmeArticle])
            let all = try await app.widgetGet("\(base)/articles", session: member.session_token).json(HitsBody.self)
            #expect(Set(all.articles.map(\.id)) == [kb.publicArticle, kb.acmeArticle, kb.loggedInArticle])

            let outsider = try await app.signIn(kb.account, name: "Eve", email: "eve@other.example")
            let outsiderHits = try await app.widgetGet("\(base)/articles", session: outsider.session_token).json(HitsBody.self)
            #expect(Set(outsiderHits.articles.map(\.id)) == [kb.publicArticle, kb.loggedInArticle])

            for hidden in [kb.draftArticle, kb.agentsArticle, kb.botsArticle, kb.acmeArticle, kb.loggedInArticle, 999_999] {
                let response = try await app.widgetGet("\(base)/articles/\(hidden)")
                #expect(response.status == .notFound)
                #expect(response.error?.code == "article_not_found")
                let vote = try await app.testing().sendRequest(.POST, "\(base)/articles/\(hidden)/feedback",
                                                               beforeRequest: { try $0.content.encode(["helpful": true]) })
                #expect(vote.status == .notFound)
            }
            let tree = try await app.widgetGet("\(base)/categories").body.string
            #expect(!tree.contains("agents") && !tree.contains("bots") && !tree.contains("selectedCompanies"))
        }
    }

    @Test("The served language follows locale > contact > widget > account, with fallback to the primary language")
    func languages() async throws {
        try await withLantern { app in
            let kb = try await SampleKnowledgeBase.make(app)
            let base = "widget/v1/widgets/\(kb.account.widgetID)"
            let english = try await app.widgetGet("\(base)/articles/\(kb.publicArticle)").json(ServedArticleBody.self)
            #expect(english.language == "en" && !english.fallback && english.title == "How do I change my password?")
            let french = try await app.widgetGet("\(base)/articles/\(kb.publicArticle)?locale=fr").json(ServedArticleBody.self)
            #expect(french.language == "fr" && !french.fallback && french.title == "Comment changer mon mot de passe ?")
            let fallback = try await app.widgetGet("\(base)/articles/\(kb.loggedInArticle)?locale=fr",
                                                   session: try await app.signIn(kb.account).session_token).json(ServedArticleBody.self)
            #expect(fallback.language == "en" && fallback.fallback)

            // The contact's preferred language applies when no locale is given; the locale still wins.
            let session = try await app.signIn(kb.account, email: "francoise@example.fr")
            let contact = try #require(try await Contact.find(session.contact.id, on: app.db))
            contact.language = "fr"
            try await contact.save(on: app.db)
            let preferred = try await app.widgetGet("\(base)/articles/\(kb.publicArticle)", session: session.session_token).json(ServedArticleBody.self)
            #expect(preferred.language == "fr")
            let overridden = try await app.widgetGet("\(base)/articles/\(kb.publicArticle)?locale=en", session: session.session_token).json(ServedArticleBody.self)
            #expect(overridden.language == "en")

            // Search runs over the served language.
            let search = try await app.widgetGet("\(base)/articles?query=mot%20de%20passe&locale=fr").json(HitsBody.self)
            #expect(search.articles.map(\.id) == [kb.publicArticle])
            #expect(search.articles.first?.language == "fr")
            #expect(search.articles.first?.snippet.contains("<mark>") == false || search.articles.first?.snippet.isEmpty == false)
        }
    }

    @Test("Votes: one per signed-in contact (a new vote replaces it), every anonymous vote counts")
    func votes() async throws {
        try await withLantern { app in
            let kb = try await SampleKnowledgeBase.make(app)
            let base = "widget/v1/widgets/\(kb.account.widgetID)"
            let session = try await app.signIn(kb.account).session_token
            func vote(_ helpful: Bool, session: String?) async throws -> HTTPStatus {
                try await app.testing().sendRequest(.POST, "\(base)/articles/\(kb.publicArticle)/feedback",
                                                    headers: session.map { ["Authorization": "Bearer \($0)"] } ?? [:],
                                                    beforeRequest: { try $0.content.encode(["helpful": helpful]) }).status
            }
            #expect(try await vote(true, session: session) == .noContent)
            #expect(try await vote(true, session: session) == .noContent)
            #expect(try await vote(false, session: session) == .noContent)
            #expect(try await vote(true, session: nil) == .noContent)
            #expect(try await vote(true, session: nil) == .noContent)
            let article = try await app.widgetGet("\(base)/articles/\(kb.publicArticle)").json(ServedArticleBody.self)
            #expect(article.thumbs_up == 2)
            #expect(article.thumbs_down == 1)
            let bad = try await app.testing().sendRequest(.POST, "\(base)/articles/\(kb.publicArticle)/feedback",
                                                          headers: ["Content-Type": "application/json"], body: ByteBuffer(string: #"{"helpful":"yes"}"#))
            #expect(bad.status == .unprocessableEntity)
        }
    }

    @Test("Search input of any kind is safe: quotes, FTS operators, SQL, emoji, 2,000 characters")
    func hostileQueries() async throws {
        try await withLantern { app in
            let kb = try await SampleKnowledgeBase.make(app)
            let base = "widget/v1/widgets/\(kb.account.widgetID)/articles?query="
            let queries = ["\"", "'", "password\"", "pass* OR NOT", "NEAR(a b)", "title:password", "'; DROP TABLE articles; --",
                           "🔑 password 🙂", "^password", "a AND", "(", ")", "-", "*", String(repeating: "password ", count: 230),
                           "\u{0000}", "%", "_", "\\", "passw", "pásswörd"]
            for query in queries {
                let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                let response = try await app.widgetGet(base + encoded)
                #expect(response.status == .ok, "\(query.prefix(30)): \(response.body.string)")
                let body = try response.json(HitsBody.self)
                #expect(body.articles.allSatisfy { $0.id == kb.publicArticle }, "\(query.prefix(30))")
            }
            let diacritics = try await app.widgetGet(base + "p%C3%A1ssw%C3%B6rd").json(HitsBody.self)
            #expect(diacritics.articles.map(\.id) == [kb.publicArticle])
            let typeAhead = try await app.widgetGet(base + "passw").json(HitsBody.self)
            #expect(typeAhead.articles.map(\.id) == [kb.publicArticle])
            // A malformed escape or bytes that are not UTF-8 are searched as sent, never an error.
            for raw in ["pass%zzword", "password%", "password%C3", "pass+word%2"] {
                #expect(try await app.widgetGet(base + raw).status == .ok, "\(raw)")
            }
        }
    }

    @Test("Search hits written by hand are the JSON JSONEncoder writes, whatever the text holds")
    func handWrittenHits() throws {
        let texts = ["plain", "", "quote \" backslash \\ slash / </script>", "nul \u{0} unit \u{1F} del \u{7F}", "line\nbreak\r\ttab",
                     "accents é ß 漢字", "emoji 🔑👩‍👩‍👧", "<mark>passw</mark> &amp; \u{2028}\u{2029}"]
        let hits = texts.enumerated().map { index, text in
            WidgetContentController.HitDTO(KnowledgeBaseReader.Hit(articleID: index + 1, categoryID: -index, folderID: Int.max - index,
                                                                   language: text, title: text, snippet: text.uppercased()))
        }
        for articles in [[], hits] {
            let dto = WidgetContentController.HitsDTO(articles: articles, total: articles.count * 1_000_003)
            let byHand = try JSONSerialization.jsonObject(with: Data(dto.json)) as? NSDictionary
            let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(dto)) as? NSDictionary
            #expect(byHand != nil && byHand == encoded)
            let decoded = try JSONDecoder().decode(HitsBody.self, from: Data(dto.json))
            #expect(decoded.articles.map(\.title) == articles.map(\.title) && decoded.total == dto.total)
        }
    }

    @Test("Query strings: + is a space, %XX a byte; malformed escapes and bytes that are not UTF-8 are refused")
    func formDecoding() {
        #expect(URLEncodedForm.formDecoded("change+my%20pass%C3%A9word%2B1"[...].utf8) == "change my passéword+1")
        #expect(URLEncodedForm.formDecoded("plain"[...].utf8) == "plain")
        #expect(URLEncodedForm.formDecoded(""[...].utf8) == "")
        for malformed in ["%", "%2", "%zz", "a%C3", "%FF%FE"] {
            #expect(URLEncodedForm.formDecoded(malformed[...].utf8) == nil, "\(malformed)")
        }
    }

    @Test("Candidate limits never hide visible articles: not behind invisible ones, nor behind other accounts' articles")
    func crowding() async throws {
        try await withLantern { app in
            let kb = try await SampleKnowledgeBase.make(app)
            let neighbour = try await SampleKnowledgeBase.make(app)
            func folder(of kb: SampleKnowledgeBase, _ visibility: FolderVisibility) async throws -> Int {
                let category = try #require(try await SolutionCategory.query(on: app.db).filter(\.$accountID == kb.account.accountID).first())
                let folder = SolutionFolder(accountID: kb.account.accountID, categoryID: try category.requireID(), name: "Crowd",
                                            description: "", visibility: visibility, position: 9)
                try await folder.create(on: app.db)
                return try folder.requireID()
            }
            // Many better-ranked matches the visitor may not see: agents-only here, and a neighbour's public ones.
            let hidden = try await folder(of: kb, .agents), elsewhere = try await folder(of: neighbour, .allUsers)
            for (accountID, folderID) in [(kb.account.accountID, hidden), (neighbour.account.accountID, elsewhere)] {
                for index in 0..<130 {
                    _ = try await ArticleStore.create(accountID: accountID, folderID: folderID, language: "en",
                                                      fields: .init(title: "Okapi okapi guide \(index)", description: "<p>Okapi.</p>",
                                                                    status: .published, tags: []), on: app.db)
                }
            }
            let visible = try await ArticleStore.create(accountID: kb.account.accountID, folderID: try await folder(of: kb, .allUsers),
                                                        language: "en", fields: .init(title: "Where to see an okapi",
                                                                                      description: "<p>Zoos.</p>", status: .published, tags: []), on: app.db)
            let found = try await app.widgetGet("widget/v1/widgets/\(kb.account.widgetID)/articles?query=okapi").json(HitsBody.self)
            #expect(found.articles.map(\.id) == [try visible.0.requireID()])
            #expect(found.total == 1)
        }
    }
}
