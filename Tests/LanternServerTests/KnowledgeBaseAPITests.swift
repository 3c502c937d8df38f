import Fluent
import Foundation
import LanternCore
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// JSON API calls as an integrator makes them.
struct APIClient {
    let app: Application
    let key: String

    var headers: HTTPHeaders { ["Authorization": "Basic " + Data("\(key):X".utf8).base64EncodedString(), "Content-Type": "application/json"] }

    func send(_ method: HTTPMethod, _ path: String, _ body: [String: Any]? = nil) async throws -> TestingHTTPResponse {
        let buffer = try body.map { ByteBuffer(data: try JSONSerialization.data(withJSONObject: $0)) }
        return try await app.testing().sendRequest(method, "api/v2/" + path, headers: headers, body: buffer)
    }

    func object(_ response: TestingHTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    func array(_ response: TestingHTTPResponse) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]])
    }
}

@Suite("Knowledge base API")
struct KnowledgeBaseAPITests {
    @Test("Categories, folders and articles: create 201, read, update, move, translate, delete")
    func crud() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)

            let category = try await api.send(.POST, "solutions/categories", ["name": "Billing", "description": "Money matters"])
            #expect(category.status == .created)
            let categoryID = try #require(try api.object(category)["id"] as? Int)
            #expect(Set(try api.object(category).keys) == ["id", "name", "description", "created_at", "updated_at"])

            let company = try await api.send(.POST, "companies", ["name": "Acme", "domains": ["acme.example"]])
            let companyID = try #require(try api.object(company)["id"] as? Int)
            let folder = try await api.send(.POST, "solutions/categories/\(categoryID)/folders",
                                            ["name": "Acme only", "visibility": 4, "company_ids": [companyID]])
            #expect(folder.status == .created)
            let folderBody = try api.object(folder)
            let folderID = try #require(folderBody["id"] as? Int)
            #expect(folderBody["company_ids"] as? [Int] == [companyID])
            #expect(folderBody["visibility"] as? Int == 4)

            let article = try await api.send(.POST, "solutions/folders/\(folderID)/articles",
                                             ["title": "Invoices for Acme", "description": "<p>Hello <script>x()</script><b>Acme</b></p>",
                                              "status": 2, "tags": ["billing", "acme"]])
            #expect(article.status == .created)
            let articleBody = try api.object(article)
            let articleID = try #require(articleBody["id"] as? Int)
            #expect(articleBody["description"] as? String == "<p>Hello <b>Acme</b></p>")
            #expect(articleBody["description_text"] as? String == "Hello Acme")
            #expect(articleBody["category_id"] as? Int == categoryID)
            #expect(articleBody["language"] as? String == "en")
            #expect(articleBody["thumbs_up"] as? Int == 0)

            let translation = try await api.send(.POST, "solutions/articles/\(articleID)/fr", ["title": "Factures pour Acme", "description": "<p>Bonjour</p>"])
            #expect(translation.status == .created)
            #expect(try api.object(translation)["language"] as? String == "fr")
            #expect(try await api.send(.POST, "solutions/articles/\(articleID)/fr", ["title": "x", "description": "<p>y</p>"]).status == .conflict)
            let readFrench = try await api.send(.GET, "solutions/articles/\(articleID)/fr")
            #expect(try api.object(readFrench)["title"] as? String == "Factures pour Acme")
            #expect(try await api.send(.GET, "solutions/articles/\(articleID)/de").status == .notFound)
            #expect(try await api.send(.GET, "solutions/articles/\(articleID)/xx-invalid").status == .unprocessableEntity)
            let updatedFrench = try await api.send(.PUT, "solutions/articles/\(articleID)/fr", ["title": "Factures Acme"])
            #expect(try api.object(updatedFrench)["title"] as? String == "Factures Acme")

            let other = try await api.send(.POST, "solutions/categories/\(categoryID)/folders", ["name": "Everyone", "visibility": 1])
            let otherID = try #require(try api.object(other)["id"] as? Int)
            let moved = try await api.send(.PUT, "solutions/articles/\(articleID)", ["folder_id": otherID, "title": "Invoices"])
            #expect(moved.status == .ok)
            #expect(try api.object(moved)["folder_id"] as? Int == otherID)
            #expect(try api.object(moved)["title"] as? String == "Invoices")
            #expect(try api.object(moved)["languages"] as? [String] == ["en", "fr"])

            let listed = try await api.send(.GET, "solutions/folders/\(otherID)/articles")
            #expect(try api.array(listed).map { $0["id"] as? Int } == [articleID])
            #expect(try await api.send(.DELETE, "solutions/articles/\(articleID)").status == .noContent)
            #expect(try await api.send(.GET, "solutions/articles/\(articleID)").status == .notFound)
            #expect(try await api.send(.DELETE, "solutions/categories/\(categoryID)").status == .noContent)
            #expect(try await api.send(.GET, "solutions/folders/\(folderID)").status == .notFound)
        }
    }

    @Test("Validation errors name their fields; other accounts' ids are 404; bots may only search")
    func validationAndTenancy() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let stranger = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            let strangerAPI = APIClient(app: app, key: stranger.apiKey)

            let missing = try await api.send(.POST, "solutions/categories", [:])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.error?.fields?["name"] != nil)
            let category = try await api.send(.POST, "solutions/categories", ["name": "Help"])
            let categoryID = try #require(try api.object(category)["id"] as? Int)
            let badFolder = try await api.send(.POST, "solutions/categories/\(categoryID)/folders", ["name": "", "visibility": 9])
            #expect(badFolder.status == .unprocessableEntity)
            #expect(Set(badFolder.error?.fields?.keys.map { $0 } ?? []) == ["name", "visibility"])
            let noCompanies = try await api.send(.POST, "solutions/categories/\(categoryID)/folders", ["name": "X", "visibility": 4])
            #expect(noCompanies.error?.fields?["company_ids"] != nil)
            let folder = try await api.send(.POST, "solutions/categories/\(categoryID)/folders", ["name": "Public"])
            let folderID = try #require(try api.object(folder)["id"] as? Int)
            let badArticle = try await api.send(.POST, "solutions/folders/\(folderID)/articles", ["title": "T", "status": 3, "tags": [""]])
            #expect(Set(badArticle.error?.fields?.keys.map { $0 } ?? []) == ["description", "status", "tags"])
            let typeMismatch = try await api.send(.POST, "solutions/folders/\(folderID)/articles", ["title": 5, "description": "x"])
            #expect(typeMismatch.status == .unprocessableEntity)
            #expect(typeMismatch.error?.fields?["title"] != nil)

            for path in ["solutions/categories/\(categoryID)", "solutions/folders/\(folderID)", "solutions/categories/\(categoryID)/folders"] {
                let response = try await strangerAPI.send(.GET, path)
                #expect(response.status == .notFound, "\(path)")
            }
            #expect(try await strangerAPI.send(.POST, "solutions/folders/\(folderID)/articles", ["title": "T", "description": "<p>d</p>"]).status == .notFound)

            for (page, perPage) in [("0", "10"), ("1", "101"), ("abc", "10")] {
                let response = try await api.send(.GET, "solutions/categories?page=\(page)&per_page=\(perPage)")
                #expect(response.status == .unprocessableEntity)
            }
            for index in 0..<3 { _ = try await api.send(.POST, "solutions/categories", ["name": "More \(index)"]) }
            let first = try await api.send(.GET, "solutions/categories?per_page=2")
            #expect(try api.array(first).count == 2)
            let link = try #require(first.headers.first(name: .link))
            #expect(link.contains("page=2") && link.contains("per_page=2") && link.contains("rel=\"next\""))
            let last = try await api.send(.GET, "solutions/categories?per_page=2&page=2")
            #expect(try api.array(last).count == 2)
            #expect(last.headers.first(name: .link) == nil)
        }
    }

    @Test("Bot keys search all-users and bots folders only and cannot write; agents see every vote by name")
    func botsAndVotes() async throws {
        try await withLantern { app in
            let kb = try await SampleKnowledgeBase.make(app)
            let botKey = SecretGenerator.apiKey()
            try await APIKey(accountID: kb.account.accountID, agentID: nil, name: "bot", role: .bot,
                             keyDigest: APIKeyDigest.of(botKey)).create(on: app.db)
            let bot = APIClient(app: app, key: botKey)
            let found = try await bot.send(.GET, "solutions/search?term=password")
            #expect(found.status == .ok)
            #expect(Set(try bot.array(found).compactMap { $0["id"] as? Int }) == [kb.publicArticle, kb.botsArticle])
            #expect(try await bot.send(.GET, "solutions/search").status == .unprocessableEntity)
            #expect(try await bot.send(.POST, "solutions/categories", ["name": "x"]).status == .forbidden)
            #expect(try await bot.send(.GET, "solutions/categories").status == .forbidden)

            let agent = APIClient(app: app, key: kb.account.apiKey)
            let everything = try await agent.send(.GET, "solutions/search?term=password")
            #expect(Set(try agent.array(everything).compactMap { $0["id"] as? Int })
                    == [kb.publicArticle, kb.acmeArticle, kb.agentsArticle, kb.botsArticle])

            let session = try await app.signIn(kb.account, name: "Alice Martin", email: "alice@acme.example")
            for (token, helpful) in [(session.session_token as String?, false), (nil, true)] {
                _ = try await app.testing().sendRequest(.POST, "widget/v1/widgets/\(kb.account.widgetID)/articles/\(kb.publicArticle)/feedback",
                                                        headers: token.map { ["Authorization": "Bearer \($0)"] } ?? [:],
                                                        beforeRequest: { try $0.content.encode(["helpful": helpful]) })
            }
            let votes = try agent.array(try await agent.send(.GET, "solutions/articles/\(kb.publicArticle)/votes"))
            #expect(votes.count == 2)
            let named = try #require(votes.first { !($0["contact"] is NSNull) })
            #expect((named["contact"] as? [String: Any])?["name"] as? String == "Alice Martin")
            #expect((named["contact"] as? [String: Any])?["email"] as? String == "alice@acme.example")
            #expect(named["helpful"] as? Bool == false)
            #expect(votes.contains { $0["contact"] is NSNull && $0["helpful"] as? Bool == true })
            let article = try agent.object(try await agent.send(.GET, "solutions/articles/\(kb.publicArticle)"))
            #expect(article["thumbs_up"] as? Int == 1)
            #expect(article["thumbs_down"] as? Int == 1)
        }
    }

    @Test("The search structures read every translation of the account once, in chunks, published ones only when asked")
    func translationsInChunks() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let other = try await makeAccount(app, name: "Other Co")
            var published: [Int] = [], drafts: [Int] = []
            for (owner, count) in [(account.accountID, 7), (other.accountID, 2)] {
                let category = SolutionCategory(accountID: owner, name: "C", description: "", position: 1)
                try await category.create(on: app.db)
                let folder = SolutionFolder(accountID: owner, categoryID: try category.requireID(), name: "F", description: "",
                                            visibility: .allUsers, position: 1)
                try await folder.create(on: app.db)
                for number in 0..<count {
                    let (_, translation) = try await ArticleStore.create(
                        accountID: owner, folderID: try folder.requireID(), language: "en",
                        fields: .init(title: "Article \(number)", description: "<p>Body \(number)</p>",
                                      status: number % 3 == 0 ? .draft : .published, tags: []), on: app.db)
                    if owner == account.accountID { number % 3 == 0 ? drafts.append(try translation.requireID()) : published.append(try translation.requireID()) }
                }
            }
            for publishedOnly in [true, false] {
                var seen: [Int] = []
                try await SearchVersion.eachTranslation(accountID: account.accountID, columns: "t.id", publishedOnly: publishedOnly,
                                                        chunkSize: 2, on: app.db) { seen.append(try $0.decode(column: "id", as: Int.self)) }
                #expect(seen == (publishedOnly ? published : (published + drafts).sorted()))
            }
        }
    }

    @Test("The search index follows every create, update, publish, unpublish, move and delete",
          arguments: [LanternSettings.SearchEngine.memory, .database])
    func indexInStep(engine: LanternSettings.SearchEngine) async throws {
        try await withLantern(searchEngine: engine) { app in
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            let category = try api.object(try await api.send(.POST, "solutions/categories", ["name": "C"]))["id"] as! Int
            let open = try api.object(try await api.send(.POST, "solutions/categories/\(category)/folders", ["name": "Open"]))["id"] as! Int
            let closed = try api.object(try await api.send(.POST, "solutions/categories/\(category)/folders", ["name": "Agents", "visibility": 3]))["id"] as! Int
            func hits(_ term: String) async throws -> [Int] {
                let response = try await app.widgetGet("widget/v1/widgets/\(account.widgetID)/articles?query=\(term)")
                // The engine asked for answered (a small index is built within the wait, never skipped).
                #expect(response.headers.first(name: "Server-Timing")?.contains("search;desc=\(engine.rawValue)") == true)
                return try response.json(HitsBody.self).articles.map(\.id)
            }
            let article = try api.object(try await api.send(.POST, "solutions/folders/\(open)/articles",
                                                           ["title": "Quokka handbook", "description": "<p>Marsupial facts.</p>"]))["id"] as! Int
            #expect(try await hits("quokka").isEmpty)  // a draft
            _ = try await api.send(.PUT, "solutions/articles/\(article)", ["status": 2])
            #expect(try await hits("quokka") == [article])
            _ = try await api.send(.PUT, "solutions/articles/\(article)", ["title": "Wombat handbook"])
            #expect(try await hits("quokka").isEmpty)
            #expect(try await hits("wombat") == [article])
            _ = try await api.send(.PUT, "solutions/articles/\(article)", ["description": "<p>Burrowing tips.</p>"])
            #expect(try await hits("marsupial").isEmpty)
            #expect(try await hits("burrowing") == [article])
            _ = try await api.send(.PUT, "solutions/articles/\(article)", ["folder_id": closed])
            #expect(try await hits("wombat").isEmpty)
            _ = try await api.send(.PUT, "solutions/articles/\(article)", ["folder_id": open])
            #expect(try await hits("wombat") == [article])
            _ = try await api.send(.PUT, "solutions/articles/\(article)", ["status": 1])
            #expect(try await hits("wombat").isEmpty)
            _ = try await api.send(.PUT, "solutions/articles/\(article)", ["status": 2])
            _ = try await api.send(.DELETE, "solutions/articles/\(article)")
            #expect(try await hits("wombat").isEmpty)
        }
    }
}
