import Fluent
import LanternCore
import SQLKit
import Vapor

/// The widget's read API and feedback, anonymous or with the widget session as Bearer. What it serves is
/// exactly what `ReadingScope` allows.
struct WidgetContentController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let widget = routes.grouped("widget", "v1", "widgets", ":widget_id")
        widget.get(use: config)
        widget.get("categories", use: categories)
        widget.get("articles", use: articles)
        widget.get("articles", ":article_id", use: article)
        widget.post("articles", ":article_id", "feedback", use: feedback)
    }

    struct ContactFormDTO: Content {
        let enabled: Bool
        let logged_in_only: Bool
    }

    struct ConfigDTO: Content {
        let id: Int
        let name: String
        let default_language: String
        let languages: [String]
        let contact_form: ContactFormDTO
        let allowed_origins: [String]
    }

    @Sendable
    func config(request: Request) async throws -> Response {
        let context = try await WidgetContext.load(request, requireSessionCheck: false)
        let widget = context.widget
        return try privateJSON(ConfigDTO(
            id: widget.id, name: widget.name,
            default_language: widget.defaultLanguage ?? widget.accountDefaultLanguage,
            languages: widget.accountLanguages,
            contact_form: ContactFormDTO(enabled: widget.contactFormEnabled, logged_in_only: widget.contactFormLoggedInOnly),
            allowed_origins: widget.allowedOrigins
        ))
    }

    struct FolderDTO: Content {
        let id: Int
        let name: String
        let description: String
        let article_count: Int
    }

    struct CategoryDTO: Content {
        let id: Int
        let name: String
        let description: String
        let article_count: Int
        let folders: [FolderDTO]
    }

    struct TreeDTO: Content {
        let categories: [CategoryDTO]
    }

    @Sendable
    func categories(request: Request) async throws -> Response {
        let context = try await WidgetContext.load(request)
        let tree = try await KnowledgeBaseReader.tree(context.scope, on: request.db)
        return try privateJSON(TreeDTO(categories: tree.map { category in
            CategoryDTO(id: category.id, name: category.name, description: category.description,
                        article_count: category.folders.reduce(0) { $0 + $1.articleCount },
                        folders: category.folders.map { FolderDTO(id: $0.id, name: $0.name, description: $0.description, article_count: $0.articleCount) })
        }))
    }

    /// A search or list hit, as the widget and the search API answer it.
    struct HitDTO: Content {
        let id: Int
        let title: String
        let snippet: String
        let category_id: Int
        let folder_id: Int
        let language: String

        init(_ hit: KnowledgeBaseReader.Hit) {
            id = hit.articleID
            title = hit.title
            snippet = hit.snippet
            category_id = hit.categoryID
            folder_id = hit.folderID
            language = hit.language
        }
    }

    struct HitsDTO: Content {
        let articles: [HitDTO]
        let total: Int

        /// The same JSON as `JSONEncoder` writes, at a fraction of its cost (searches run on every keystroke).
        var json: [UInt8] {
            var writer = JSONWriter(capacity: 512 + articles.count * 512)
            writer.raw("{\"articles\":[")
            for (index, hit) in articles.enumerated() {
                writer.raw(index == 0 ? "{" : ",{")
                writer.member("id", hit.id, first: true)
                writer.member("title", hit.title)
                writer.member("snippet", hit.snippet)
                writer.member("category_id", hit.category_id)
                writer.member("folder_id", hit.folder_id)
                writer.member("language", hit.language)
                writer.raw("}")
            }
            writer.raw("]")
            writer.member("total", total)
            writer.raw("}")
            return writer.bytes
        }
    }

    static let defaultPerPage = 10
    static let maximumPerPage = 50

    @Sendable
    func articles(request: Request) async throws -> Response {
        let context = try await WidgetContext.load(request)
        var errors = FieldErrors()
        func number(_ name: String, range: ClosedRange<Int>) -> Int? {
            guard let raw = request.queryParameter(name), !raw.isEmpty else { return nil }
            guard let value = Int(raw), range.contains(value) else {
                errors.add(name, "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
                return nil
            }
            return value
        }
        let page = PageRequest(page: number("page", range: 1...10_000) ?? 1,
                               perPage: number("per_page", range: 1...Self.maximumPerPage) ?? Self.defaultPerPage)
        let folderID = number("folder_id", range: 1...Int.max)
        let categoryID = number("category_id", range: 1...Int.max)
        try errors.throwIfAny()
        let clock = ContinuousClock()
        let started = clock.now
        var query = SearchQuery(request.queryParameter("query") ?? "")
        var tools: SearchTools? = nil
        if !query.isEmpty {
            let found = try await request.searchTools(accountID: context.scope.accountID, version: context.widget.searchVersion)
            query = query.corrected(by: found.corrector)
            tools = found
        }
        let hits: [KnowledgeBaseReader.Hit], total: Int
        var databaseTime: Duration? = nil
        let engine: LanternSettings.SearchEngine = tools?.index == nil ? .database : .memory
        if query.isEmpty {
            (hits, total) = try await KnowledgeBaseReader.list(context.scope, folderID: folderID, categoryID: categoryID, page: page, on: request.db)
        } else {
            (hits, total, databaseTime) = try await KnowledgeBaseReader.search(context.scope, query: query, page: page, index: tools?.index,
                                                                               on: request.db)
            request.application.metrics.searched(duration: clock.now - started, source: "widget")
        }
        let response = Response(status: .ok, body: .init(buffer: ByteBuffer(bytes: HitsDTO(articles: hits.map(HitDTO.init), total: total).json)))
        response.headers.contentType = .json
        Self.markPrivate(response)
        if let databaseTime {
            let milliseconds = Double(databaseTime.components.attoseconds) / 1e15 + Double(databaseTime.components.seconds) * 1000
            response.headers.replaceOrAdd(name: "Server-Timing", value: "db;dur=\(String(format: "%.3f", milliseconds)), search;desc=\(engine.rawValue)")
        }
        return response
    }

    struct ArticleDTO: Content {
        let id: Int
        let title: String
        let description: String
        let language: String
        let fallback: Bool
        let thumbs_up: Int
        let thumbs_down: Int
    }

    @Sendable
    func article(request: Request) async throws -> Response {
        let context = try await WidgetContext.load(request)
        guard let id = request.parameters.get("article_id", as: Int.self),
              let article = try await KnowledgeBaseReader.article(id, scope: context.scope, on: request.db)
        else { throw APIError.articleNotFound }
        return try privateJSON(ArticleDTO(id: article.id, title: article.title, description: article.description,
                                          language: article.language, fallback: article.fallback,
                                          thumbs_up: article.thumbsUp, thumbs_down: article.thumbsDown))
    }

    struct FeedbackBody: Decodable {
        let helpful: Bool
    }

    @Sendable
    func feedback(request: Request) async throws -> HTTPStatus {
        let context = try await WidgetContext.load(request)
        let body = try request.decodeBody(FeedbackBody.self)
        guard let id = request.parameters.get("article_id", as: Int.self),
              try await KnowledgeBaseReader.isVisible(id, scope: context.scope, on: request.db)
        else { throw APIError.articleNotFound }
        try await VoteService.vote(articleID: id, accountID: context.scope.accountID, contactID: context.signedIn?.contact.id,
                                   helpful: body.helpful, on: request.db)
        return .noContent
    }

    private func privateJSON<T: Encodable>(_ dto: T) throws -> Response {
        let response = try ok(dto)
        Self.markPrivate(response)
        return response
    }

    /// Widget responses depend on who asks: never stored by shared caches.
    private static func markPrivate(_ response: Response) {
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        response.headers.replaceOrAdd(name: .vary, value: "Authorization")
    }
}

/// A widget and the parts of its account that widget requests need, read in one query.
struct WidgetRecord: Sendable {
    let id: Int
    let accountID: Int
    let name: String
    let defaultLanguage: String?
    let contactFormEnabled: Bool
    let contactFormLoggedInOnly: Bool
    let allowedOrigins: [String]
    /// The linked categories; empty means all of the account's categories.
    let categoryIDs: [Int]
    let accountName: String
    let accountDefaultLanguage: String
    let accountLanguages: [String]
    /// The account's `search_version`, which picks the in-memory search index that is up to date.
    let searchVersion: Int64

    static func find(_ id: Int, on db: any Database) async throws -> WidgetRecord? {
        let categories: SQLQueryString = db.isSQLite ? "group_concat(category_id)" : "string_agg(category_id::text, ',')"
        guard let row = try await db.sql.raw("""
            SELECT w.account_id, w.name, w.default_language, w.contact_form_enabled, w.contact_form_logged_in_only,
                   w.allowed_origins, a.name AS account_name, a.default_language AS account_default_language,
                   a.supported_languages, a.search_version, (SELECT \(categories) FROM widget_categories c WHERE c.widget_id = w.id) AS category_ids
            FROM widgets w JOIN accounts a ON a.id = w.account_id WHERE w.id = \(bind: id)
            """).first() else { return nil }
        let categoryIDs = try row.decode(column: "category_ids", as: String?.self)?.split(separator: ",").compactMap { Int($0) } ?? []
        return WidgetRecord(
            id: id, accountID: try row.decode(column: "account_id", as: Int.self), name: try row.decode(column: "name", as: String.self),
            defaultLanguage: try row.decode(column: "default_language", as: String?.self),
            contactFormEnabled: try row.decode(column: "contact_form_enabled", as: Bool.self),
            contactFormLoggedInOnly: try row.decode(column: "contact_form_logged_in_only", as: Bool.self),
            allowedOrigins: try row.decode(column: "allowed_origins", as: [String].self),
            categoryIDs: categoryIDs.sorted(),
            accountName: try row.decode(column: "account_name", as: String.self),
            accountDefaultLanguage: try row.decode(column: "account_default_language", as: String.self),
            accountLanguages: try row.decode(column: "supported_languages", as: [String].self),
            searchVersion: try row.decode(column: "search_version", as: Int64.self))
    }
}

/// A widget request's widget, caller and language.
struct WidgetContext: Sendable {
    let widget: WidgetRecord
    let signedIn: WidgetSignedIn?
    let scope: ReadingScope

    /// Loads the widget named in the path (one query, none while an SQLite file is unchanged since it was read)
    /// and, when a Bearer session is sent, checks it (401 if it is not valid).
    static func load(_ request: Request, requireSessionCheck: Bool = true) async throws -> WidgetContext {
        let widgetID = try request.widgetID()
        let db = request.db
        let found = if let cache = request.application.widgetRecords {
            try await cache.value(for: widgetID) { try await WidgetRecord.find(widgetID, on: db) }
        } else {
            try await WidgetRecord.find(widgetID, on: db)
        }
        guard let widget = found else { throw APIError.widgetNotFound }
        var signedIn: WidgetSignedIn? = nil
        if requireSessionCheck, let token = request.headers.bearerAuthorization?.token {
            signedIn = try await WidgetSessionService.authenticate(token: token, accountID: widget.accountID, on: request.db)
        }
        let language = LanguageResolver(supported: widget.accountLanguages, accountDefault: widget.accountDefaultLanguage)
            .resolve(locale: request.queryParameter("locale"), contactLanguage: signedIn?.contact.language,
                     widgetDefault: widget.defaultLanguage)
        let scope = ReadingScope(accountID: widget.accountID, categoryIDs: widget.categoryIDs,
                                 viewer: signedIn?.viewer ?? .anonymous, language: language,
                                 accountLanguages: widget.accountLanguages)
        return WidgetContext(widget: widget, signedIn: signedIn, scope: scope)
    }
}

extension Request {
    private struct QueryParametersKey: StorageKey { typealias Value = [String: String] }

    /// A plain query parameter (`name=value`, the first one when repeated), with the query string parsed once per
    /// request: the widget's read paths look at several parameters on every search.
    func queryParameter(_ name: String) -> String? {
        if let parameters = storage[QueryParametersKey.self] { return parameters[name] }
        var parameters: [String: String] = [:]
        for pair in (url.query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = PortalForm.decode(parts[0])
            if parameters[key] == nil { parameters[key] = parts.count > 1 ? PortalForm.decode(parts[1]) : "" }
        }
        storage[QueryParametersKey.self] = parameters
        return parameters[name]
    }
}
