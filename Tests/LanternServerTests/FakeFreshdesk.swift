import Foundation
import NIOConcurrencyHelpers
import Vapor

/// A Freshdesk account served over HTTP on loopback, written from Freshdesk's API v2 documentation
/// (https://developers.freshdesk.com/api/): Basic `API_KEY:X` authentication (`401 {"code", "message"}`), lists of at
/// most `per_page` (30 unless asked, 100 at most, else `400 {"description", "errors": [...]}`) with a `Link: <…>;
/// rel="next"` header, `X-RateLimit-*` headers, and `429` with `Retry-After` when told to. Its knowledge base is made
/// deterministically by `FakeFreshdesk.KnowledgeBase`.
final class FakeFreshdesk: Sendable {
    /// What the server does besides answering.
    struct Behaviour: Sendable {
        /// Answer `429` (Retry-After: 1) to these request numbers (1-based, counted over every request).
        var rateLimitedRequests: Set<Int> = []
        /// After this many requests for article lists, answer `500` to everything.
        var failAfterArticleLists: Int? = nil
    }

    struct Log: Sendable {
        var requests: [(path: String, at: Date, status: UInt)] = []
        var articleLists = 0
    }

    let app: Application
    let apiKey = "fd-test-key-\(UUID().uuidString.prefix(8))"
    let knowledgeBase: NIOLockedValueBox<KnowledgeBase>
    private let behaviour = NIOLockedValueBox(Behaviour())
    private let log = NIOLockedValueBox(Log())

    init(_ knowledgeBase: KnowledgeBase) async throws {
        self.knowledgeBase = NIOLockedValueBox(knowledgeBase)
        app = try await Application.make(.testing)
        app.logger.logLevel = .critical
        app.middleware.use(Gate(fake: self), at: .beginning)
        routes()
        imageRoutes()
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
    }

    var url: String { "http://127.0.0.1:\(app.http.server.shared.localAddress!.port!)" }
    var requests: [(path: String, at: Date, status: UInt)] { log.withLockedValue { $0.requests } }
    /// How many requests for article lists arrived.
    var articleLists: Int { log.withLockedValue { $0.articleLists } }

    func behave(_ change: (inout Behaviour) -> Void) { behaviour.withLockedValue { change(&$0) } }

    func stop() async throws {
        await app.server.shutdown()
        try await app.asyncShutdown()
    }

    // MARK: Authentication, rate limiting, faults

    /// Checks the key, counts the request, and answers 429 or 500 when the behaviour says so.
    private struct Gate: AsyncMiddleware {
        let fake: FakeFreshdesk

        func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
            let path = request.url.path
            let number = fake.log.withLockedValue { log -> Int in
                if path.contains("/articles") { log.articleLists += 1 }
                return log.requests.count + 1
            }
            let articleLists = fake.log.withLockedValue { $0.articleLists }
            let behaviour = fake.behaviour.withLockedValue { $0 }
            let response: Response
            let expected = "Basic " + Data("\(fake.apiKey):X".utf8).base64EncodedString()
            if request.headers.first(name: .authorization) != expected {
                response = FakeFreshdesk.json(["code": "invalid_credentials", "message": "You have to be logged in to perform this action."], status: .unauthorized)
            } else if let limit = behaviour.failAfterArticleLists, articleLists > limit {
                response = FakeFreshdesk.json(["description": "Internal server error", "errors": [String]()] as [String: any Sendable], status: .internalServerError)
            } else if behaviour.rateLimitedRequests.contains(number) {
                response = FakeFreshdesk.json(["description": "You have exceeded the limit of requests per minute", "errors": [String]()] as [String: any Sendable],
                                              status: .tooManyRequests)
                response.headers.replaceOrAdd(name: "Retry-After", value: "1")
            } else {
                response = try await next.respond(to: request)
            }
            response.headers.replaceOrAdd(name: "X-RateLimit-Total", value: "700")
            response.headers.replaceOrAdd(name: "X-RateLimit-Remaining", value: "699")
            response.headers.replaceOrAdd(name: "X-RateLimit-Used-CurrentRequest", value: "1")
            fake.log.withLockedValue { $0.requests.append((path, Date(), response.status.code)) }
            return response
        }
    }

    // MARK: Routes

    private func routes() {
        let api = app.grouped("api", "v2")
        api.get("settings", "helpdesk") { [knowledgeBase] _ in
            let kb = knowledgeBase.withLockedValue { $0 }
            return Self.json(["primary_language": kb.primaryLanguage, "supported_languages": kb.otherLanguages,
                              "portal_languages": kb.otherLanguages, "help_widget_languages": kb.otherLanguages] as [String: any Sendable])
        }
        api.get("companies") { [knowledgeBase] request in
            try Self.page(request, knowledgeBase.withLockedValue { $0.companies })
        }
        api.get("contacts") { [knowledgeBase] request in
            try Self.page(request, knowledgeBase.withLockedValue { $0.contacts })
        }
        api.get("agents") { [knowledgeBase] request in
            try Self.page(request, knowledgeBase.withLockedValue { $0.agents })
        }
        api.get("help_widgets") { [knowledgeBase] request in
            try Self.page(request, knowledgeBase.withLockedValue { $0.helpWidgets })
        }
        let solutions = api.grouped("solutions")
        solutions.get("categories") { [knowledgeBase] request in
            try Self.page(request, knowledgeBase.withLockedValue { kb in kb.categories.map { kb.category($0, language: nil)! } })
        }
        solutions.get("categories", ":id", ":language") { [knowledgeBase] request in
            let (id, language) = (request.parameters.get("id", as: Int64.self), request.parameters.get("language"))
            return knowledgeBase.withLockedValue { kb in
                kb.categories.first { $0.id == id }.flatMap { kb.category($0, language: language) }
            }.map { Self.json($0) } ?? Self.notFound()
        }
        solutions.get("categories", ":id", "folders") { [knowledgeBase] request in
            let id = request.parameters.get("id", as: Int64.self)
            return try Self.page(request, knowledgeBase.withLockedValue { kb in
                kb.folders.filter { $0.categoryID == id && $0.parentID == nil }.map { kb.folder($0, language: nil)! }
            })
        }
        solutions.get("folders", ":id", "subfolders") { [knowledgeBase] request in
            let id = request.parameters.get("id", as: Int64.self)
            return try Self.page(request, knowledgeBase.withLockedValue { kb in
                kb.folders.filter { $0.parentID == id }.map { kb.folder($0, language: nil)! }
            })
        }
        solutions.get("folders", ":id", ":language") { [knowledgeBase] request in
            let (id, language) = (request.parameters.get("id", as: Int64.self), request.parameters.get("language"))
            return knowledgeBase.withLockedValue { kb in
                kb.folders.first { $0.id == id }.flatMap { kb.folder($0, language: language) }
            }.map { Self.json($0) } ?? Self.notFound()
        }
        solutions.get("folders", ":id", "articles") { [knowledgeBase] request in
            let id = request.parameters.get("id", as: Int64.self)
            return try Self.page(request, knowledgeBase.withLockedValue { kb in
                kb.articles.filter { $0.folderID == id }.compactMap { kb.article($0, language: nil) }
            })
        }
        solutions.get("folders", ":id", "articles", ":language") { [knowledgeBase] request in
            let (id, language) = (request.parameters.get("id", as: Int64.self), request.parameters.get("language"))
            guard knowledgeBase.withLockedValue({ kb in kb.folders.contains { $0.id == id } }) else { return Self.notFound() }
            return try Self.page(request, knowledgeBase.withLockedValue { kb in
                kb.articles.filter { $0.folderID == id }.compactMap { kb.article($0, language: language) }
            })
        }
    }

    /// A real PNG image (one pixel), as Freshdesk's storage serves an article's screenshot.
    static let png = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")!

    /// Article images, as an account's own host serves them: `/images/screen.png` (a PNG), `/images/missing.png`
    /// (404), `/images/huge.png` (over 10 MiB), `/images/diagram.svg` (an SVG), `/images/away` (a redirect to
    /// `localhost`, another host), `/inline/attachment?token=…` (a redirect to `/images/screen.png`, as
    /// attachment.freshdesk.com answers), `/images/slow.png` (answers after 5 seconds).
    private func imageRoutes() {
        app.get("images", "slow.png") { _ in
            try await Task.sleep(for: .seconds(5))
            return Self.file(Self.png, type: "image/png")
        }
        app.get("images", "screen.png") { _ in Self.file(Self.png, type: "image/png") }
        app.get("images", "missing.png") { _ in Self.notFound() }
        app.get("images", "huge.png") { _ in
            var huge = Self.png
            huge.append(Data(count: 10 * 1024 * 1024))
            return Self.file(huge, type: "image/png")
        }
        app.get("images", "diagram.svg") { _ in
            Self.file(Data("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".utf8), type: "image/svg+xml")
        }
        app.get("images", "away") { request in
            let port = request.application.http.server.shared.localAddress?.port ?? 0
            return Self.redirect("http://localhost:\(port)/images/screen.png")
        }
        app.get("inline", "attachment") { _ in Self.redirect("/images/screen.png") }
    }

    private static func redirect(_ location: String) -> Response {
        Response(status: .found, headers: ["Location": location])
    }

    private static func file(_ data: Data, type: String) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: type)
        return response
    }

    /// One page of `items`, with `Link: <…?page=N+1>; rel="next"` when more follow.
    private static func page(_ request: Request, _ items: [[String: any Sendable]]) throws -> Response {
        let perPage = (try? request.query.get(Int.self, at: "per_page")) ?? 30
        let page = (try? request.query.get(Int.self, at: "page")) ?? 1
        guard (1...100).contains(perPage), page >= 1 else {
            return json(["description": "Validation failed",
                         "errors": [["field": "per_page", "message": "It should be a Number between 1 and 100", "code": "invalid_value"]]] as [String: any Sendable],
                        status: .badRequest)
        }
        let start = (page - 1) * perPage
        let slice = start < items.count ? Array(items[start..<min(items.count, start + perPage)]) : []
        let response = json(slice)
        if start + perPage < items.count {
            let host = request.headers.first(name: .host) ?? "127.0.0.1"
            response.headers.replaceOrAdd(name: "Link", value: "<http://\(host)\(request.url.path)?per_page=\(perPage)&page=\(page + 1)>; rel=\"next\"")
        }
        return response
    }

    /// JSON's `null` in the answers this server keeps (Foundation's `NSNull` is not `Sendable`).
    struct Null: Sendable {}
    static let null = Null()

    static func json(_ value: any Sendable, status: HTTPResponseStatus = .ok) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: foundation(value), options: [.sortedKeys])) ?? Data("{}".utf8)
        let response = Response(status: status, body: .init(data: data))
        response.headers.contentType = .json
        return response
    }

    static func notFound() -> Response { Response(status: .notFound) }

    /// `value` as `JSONSerialization` takes it.
    private static func foundation(_ value: Any) -> Any {
        switch value {
        case is Null: NSNull()
        case let object as [String: any Sendable]: object.mapValues { foundation($0) }
        case let array as [any Sendable]: array.map { foundation($0) }
        default: value
        }
    }
}

extension FakeFreshdesk {
    /// A Freshdesk account's data, made from a seed so that every run serves the same.
    struct KnowledgeBase: Sendable {
        struct Category: Sendable {
            let id: Int64
            var name: String
            var translations: [String: String]
        }

        struct Folder: Sendable {
            let id: Int64
            let categoryID: Int64
            let parentID: Int64?
            var name: String
            var visibility: Int
            var companyIDs: [Int64]
            var translations: [String: String]
        }

        struct Article: Sendable {
            let id: Int64
            var folderID: Int64
            var title: String
            var body: String
            var status: Int
            var tags: [String]
            var thumbsUp: Int
            var thumbsDown: Int
            /// Language → (title, body, status).
            var translations: [String: (title: String, body: String, status: Int)]
        }

        var primaryLanguage = "en"
        var otherLanguages = ["fr", "de", "ka"]
        var companies: [[String: any Sendable]] = []
        var contacts: [[String: any Sendable]] = []
        var agents: [[String: any Sendable]] = []
        var helpWidgets: [[String: any Sendable]] = []
        var categories: [Category] = []
        var folders: [Folder] = []
        var articles: [Article] = []

        /// `articleCount` articles over 3 categories and 12 folders (two of them subfolders, one two deep), two
        /// folders shown to segments, one to companies; 5 companies, 130 contacts (2 without e-mail), one help
        /// widget with id `widgetID`. A third of the articles have a French version and half a German one (a draft
        /// in every seventh); every tenth is a draft; every 25th has a `<script>` and inline styles; one has HTML
        /// that cannot be kept.
        static func generate(articleCount: Int = 300, widgetID: Int64) -> KnowledgeBase {
            var kb = KnowledgeBase()
            let domains = ["acme.example", "globex.example", "initech.example", "umbrella.example", "hooli.example"]
            for (index, domain) in domains.enumerated() {
                kb.companies.append(["id": Int64(9001 + index), "name": "Company \(index + 1)",
                                     "domains": index == 4 ? [domain, "not a domain"] : [domain],
                                     "description": FakeFreshdesk.null, "created_at": "2024-01-0\(index + 1)T10:00:00Z"])
            }
            let languages = ["en", "fr", "de", "ja", "ka"]
            for index in 0..<130 {
                let companyID: any Sendable = index % 3 == 0 ? Int64(9001 + index % 5) : FakeFreshdesk.null
                var contact: [String: any Sendable] = ["id": Int64(7001 + index), "name": "Customer \(index)",
                                                       "language": languages[index % languages.count], "company_id": companyID,
                                                       "active": true, "view_all_tickets": false]
                contact["email"] = index == 17 || index == 88 ? FakeFreshdesk.null : "customer\(index)@\(domains[index % 5])"
                if index % 10 == 1 { contact["other_companies"] = [["company_id": Int64(9002), "view_all_tickets": false] as [String: any Sendable]] }
                kb.contacts.append(contact)
            }
            kb.agents = [["id": Int64(3001), "contact": ["email": "someone.else@freshdesk.example", "name": "Agent"]]]
            kb.helpWidgets = [["id": widgetID, "name": "Website widget", "product_id": FakeFreshdesk.null, "active": true]]
            for index in 0..<3 {
                kb.categories.append(Category(id: Int64(5001 + index), name: "Category \(index + 1)",
                                              translations: index < 2 ? ["fr": "Catégorie \(index + 1)", "de": "Kategorie \(index + 1)"] : [:]))
            }
            // Folder visibilities: all users, logged-in, agents, companies, bots, contact segments, company segments.
            let visibilities = [1, 2, 1, 4, 3, 6, 5, 7, 1, 2]
            for index in 0..<10 {
                kb.folders.append(Folder(id: Int64(6001 + index), categoryID: Int64(5001 + index % 3), parentID: nil,
                                         name: "Folder \(index + 1)", visibility: visibilities[index],
                                         companyIDs: visibilities[index] == 4 ? [9001, 9003, 9999] : [],
                                         translations: index % 2 == 0 ? ["fr": "Dossier \(index + 1)"] : [:]))
            }
            kb.folders.append(Folder(id: 6101, categoryID: 5001, parentID: 6001, name: "Sub A", visibility: 1, companyIDs: [],
                                     translations: ["fr": "Sous A"]))
            kb.folders.append(Folder(id: 6102, categoryID: 5001, parentID: 6101, name: "Sub B", visibility: 1, companyIDs: [], translations: [:]))
            for index in 0..<articleCount {
                let folder = kb.folders[index % kb.folders.count]
                var body = "<p>Answer number \(index): how to <strong>fix</strong> problem \(index).</p><ul><li>Step one</li><li>Step two</li></ul>"
                if index % 25 == 3 { body += "<script>alert(\(index))</script><p style=\"color:red\" onclick=\"x()\">Styled</p>" }
                if index == 42 { body = "<p>Broken</p><svg><text>never closed" }
                var translations: [String: (title: String, body: String, status: Int)] = [:]
                if index % 3 == 0 { translations["fr"] = ("Article \(index) en français", "<p>Réponse \(index).</p>", 2) }
                if index % 2 == 0 { translations["de"] = ("Artikel \(index) auf Deutsch", "<p>Antwort \(index).</p>", index % 7 == 0 ? 1 : 2) }
                kb.articles.append(Article(id: Int64(8001 + index), folderID: folder.id, title: "Article \(index)", body: body,
                                           status: index % 10 == 5 ? 1 : 2, tags: index % 4 == 0 ? ["billing", "how-to"] : [],
                                           thumbsUp: index % 9, thumbsDown: index % 4, translations: translations))
            }
            return kb
        }

        func category(_ category: Category, language: String?) -> [String: any Sendable]? {
            var name = category.name
            if let language {
                guard let translated = category.translations[language] else { return nil }
                name = translated
            }
            return ["id": category.id, "name": name, "description": "About \(name)", "visible_in_portals": [Int64(1)],
                    "created_at": "2024-01-01T10:00:00Z", "updated_at": "2024-01-01T10:00:00Z"]
        }

        func folder(_ folder: Folder, language: String?) -> [String: any Sendable]? {
            var name = folder.name
            if let language {
                guard let translated = folder.translations[language] else { return nil }
                name = translated
            }
            var answer: [String: any Sendable] = [
                "id": folder.id, "name": name, "description": "Folder about \(name)", "visibility": folder.visibility,
                "parent_folder_id": folder.parentID.map { $0 as any Sendable } ?? FakeFreshdesk.null,
                "articles_count": articles.filter { $0.folderID == folder.id }.count,
                "sub_folders_count": folders.filter { $0.parentID == folder.id }.count,
                "created_at": "2024-01-01T10:00:00Z", "updated_at": "2024-01-01T10:00:00Z",
            ]
            if folder.visibility == 4 { answer["company_ids"] = folder.companyIDs }
            if folder.visibility == 6 { answer["contact_segment_ids"] = [Int64(11)] }
            if folder.visibility == 7 { answer["company_segment_ids"] = [Int64(12)] }
            return answer
        }

        func article(_ article: Article, language: String?) -> [String: any Sendable]? {
            var (title, body, status) = (article.title, article.body, article.status)
            if let language {
                guard let translated = article.translations[language] else { return nil }
                (title, body, status) = translated
            }
            let category = folders.first { $0.id == article.folderID }!.categoryID
            return ["id": article.id, "type": article.id % 5 == 0 ? 2 : 1, "category_id": category, "folder_id": article.folderID,
                    "title": title, "description": body, "description_text": body, "status": status, "agent_id": Int64(3001),
                    "tags": article.tags, "thumbs_up": article.thumbsUp, "thumbs_down": article.thumbsDown, "hits": Int(article.id % 100),
                    "seo_data": ["meta_title": "\(title) | Help", "meta_description": "Read about \(title)"],
                    "created_at": "2024-02-01T10:00:00Z", "updated_at": "2024-02-01T10:00:00Z"]
        }
    }
}
