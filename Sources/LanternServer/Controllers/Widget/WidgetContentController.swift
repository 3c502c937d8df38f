import Fluent
import LanternCore
import Vapor

/// The widget's read API and feedback, anonymous or with the widget session as Bearer. What it serves is
/// exactly what `ReadingScope` allows.
struct WidgetContentController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let widget = routes.grouped("widget", "v1", "widgets", ":widget_id")
        widget.grouped(WidgetContextMiddleware.widgetOnly).get(use: config)
        let reader = widget.grouped(WidgetContextMiddleware.caller)
        reader.get("categories", use: categories)
        reader.get("articles", use: articles)
        reader.get("articles", ":article_id", use: article)
        reader.post("articles", ":article_id", "feedback", use: feedback)
    }

    @Sendable
    func config(request: Request) async throws -> Response {
        let context = try request.widgetContext
        let widget = context.widget
        let types = widget.contactFormType ? try await TicketTypeService.names(accountID: widget.accountID, on: request.db) : []
        let fields = try await CustomTicketFieldService.customerFields(accountID: widget.accountID, on: request.db)
        return try privateJSON(ConfigDTO(
            id: widget.id, name: widget.name,
            default_language: widget.defaultLanguage ?? widget.accountDefaultLanguage,
            languages: widget.accountLanguages,
            contact_form: ContactFormDTO(enabled: widget.contactFormEnabled, logged_in_only: widget.contactFormLoggedInOnly,
                                         priority: widget.contactFormPriority, type: widget.contactFormType, types: types),
            allowed_origins: widget.allowedOrigins,
            ticket_fields: fields.map(FormFieldDTO.init)
        ))
    }

    @Sendable
    func categories(request: Request) async throws -> Response {
        let context = try request.widgetContext
        let tree = try await KnowledgeBaseReader.tree(context.scope, on: request.db)
        return try privateJSON(TreeDTO(categories: tree.map { category in
            CategoryDTO(id: category.id, name: category.name, description: category.description,
                        article_count: category.folders.reduce(0) { $0 + $1.articleCount },
                        folders: category.folders.map { FolderDTO(id: $0.id, name: $0.name, description: $0.description, article_count: $0.articleCount) })
        }))
    }

    static let defaultPerPage = 10
    static let maximumPerPage = 50

    @Sendable
    func articles(request: Request) async throws -> Response {
        let context = try request.widgetContext
        var errors = FieldErrors()
        let page = PageRequest(request, maximumPage: 10_000, maximumPerPage: Self.maximumPerPage,
                               defaultPerPage: Self.defaultPerPage, &errors)
        let folderID = PageRequest.number(request, "folder_id", 1...Int.max, &errors)
        let categoryID = PageRequest.number(request, "category_id", 1...Int.max, &errors)
        try errors.throwIfAny()
        let clock = ContinuousClock()
        let started = clock.now
        var query = SearchQuery(request.queryText("query") ?? "")
        var tools: SearchTools? = nil
        if !query.isEmpty {
            let found = try await request.searchTools(scope: context.scope, version: context.widget.searchVersion)
            query = query.corrected(by: found.corrector)
            tools = found
        }
        let hits: [KnowledgeBaseReader.Hit], total: Int
        let engine: LanternSettings.SearchEngine = tools?.index == nil ? .database : .memory
        if query.isEmpty {
            (hits, total) = try await KnowledgeBaseReader.list(context.scope, folderID: folderID, categoryID: categoryID, page: page, on: request.db)
        } else {
            (hits, total) = try await KnowledgeBaseReader.search(context.scope, query: query, page: page, index: tools?.index,
                                                                 on: request.db)
            request.application.metrics.searched(duration: clock.now - started, source: "widget", engine: engine.rawValue)
        }
        let response = Response(status: .ok, body: .init(buffer: ByteBuffer(bytes: HitsDTO(articles: hits.map(HitDTO.init), total: total).json)))
        response.headers.contentType = .json
        Self.markPrivate(response)
        // Which engine answered, and no timing: how long a search takes depends on matches the reader may not see.
        if !query.isEmpty { response.headers.replaceOrAdd(name: "Server-Timing", value: "search;desc=\(engine.rawValue)") }
        return response
    }

    @Sendable
    func article(request: Request) async throws -> Response {
        let context = try request.widgetContext
        let visitorID = try VoteService.visitorID(request.queryText("visitor_id"))
        guard let id = request.parameters.get("article_id", as: Int.self),
              let article = try await KnowledgeBaseReader.article(id, scope: context.scope, on: request.db)
        else { throw AppError.articleNotFound }
        await ArticleViewService.recordQuietly(articleID: id, by: .first(contactID: context.signedIn?.contact.id, visitorID: visitorID,
                                                                        address: request.clientAddress), request: request)
        var description = article.description
        if let signedIn = context.signedIn {
            description = try await ArticleAttachmentService.granted(description, contactID: signedIn.contact.id,
                                                                     accountID: context.widget.accountID, on: request.db)
        }
        return try privateJSON(ArticleDTO(id: article.id, title: article.title, description: description,
                                          language: article.language, fallback: article.fallback,
                                          thumbs_up: article.thumbsUp, thumbs_down: article.thumbsDown))
    }

    @Sendable
    func feedback(request: Request) async throws -> HTTPStatus {
        let context = try request.widgetContext
        let body = try request.decodeBody(FeedbackBody.self)
        let visitorID = try VoteService.visitorID(body.visitor_id)
        let answer = try VoteService.answer(helpful: body.helpful, reason: body.reason, comment: body.comment)
        guard let id = request.parameters.get("article_id", as: Int.self),
              try await KnowledgeBaseReader.isVisible(id, scope: context.scope, on: request.db)
        else { throw AppError.articleNotFound }
        let vote = try await VoteService.vote(articleID: id, accountID: context.scope.accountID, contactID: context.signedIn?.contact.id,
                                              visitorID: visitorID, address: request.clientAddress, helpful: body.helpful, answer: answer,
                                              limit: request.application.lantern.voteRateLimit, on: request.db)
        if answer != nil, context.widget.articleFeedbackTickets, let contact = context.signedIn?.contact {
            try await ArticleFeedbackService.fileTicket(for: vote, widgetID: context.widget.id, requester: contact, on: request.db)
        }
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
