import Fluent
import Vapor

/// An article's drafts, publishing and history: `PUT/DELETE /api/v2/solutions/articles/{id}/draft`,
/// `POST …/{id}/publish`, `GET …/{id}/revisions`, `GET …/{id}/revisions/{n}`, `POST …/{id}/revisions/{n}/restore`.
/// `language` (in the body, or the query of a `DELETE`) picks the translation, the article's primary one by default.
struct ArticleRevisionController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let articles = routes.grouped("solutions", "articles")
        articles.on(.PUT, ":id", "draft", body: .collect(maxSize: "1mb"), use: saveDraft).bodyLimit(1 << 20)
        articles.delete(":id", "draft", use: discardDraft)
        articles.on(.POST, ":id", "publish", body: .collect(maxSize: "16kb"), use: publish)
        articles.get(":id", "revisions", use: list)
        articles.get(":id", "revisions", ":number", use: show)
        articles.on(.POST, ":id", "revisions", ":number", "restore", body: .collect(maxSize: "16kb"), use: restore)
    }

    /// The body of publish and restore: both fields optional, and the body itself may be left out.
    struct Choice: Decodable {
        let language: String?
        let base_revision: Int?
    }

    @Sendable
    func saveDraft(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        let (article, folder) = try await SolutionArticleController.article(request)
        let input = try request.decodeBody(ArticleInput.self)
        let language = try await language(input.language, of: article, request)
        let change = try ArticleStore.checkDraft(input)
        try await ArticleRevisionService.saveDraft(article, language: language, change: change, agentID: caller.agentID,
                                                   baseRevision: input.base_revision, on: request.db)
        return try await answer(article, folder: folder, language: language, request)
    }

    @Sendable
    func discardDraft(request: Request) async throws -> HTTPStatus {
        let (article, _) = try await SolutionArticleController.article(request)
        let language = try await language(request.queryText("language"), of: article, request)
        try await ArticleRevisionService.discardDraft(article, language: language, on: request.db)
        return .noContent
    }

    @Sendable
    func publish(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        let (article, folder) = try await SolutionArticleController.article(request)
        let choice = try self.choice(request)
        let language = try await language(choice.language, of: article, request)
        try await ArticleRevisionService.publish(article, language: language, agentID: caller.agentID, baseRevision: choice.base_revision,
                                                 on: request.db)
        return try await answer(article, folder: folder, language: language, request)
    }

    @Sendable
    func list(request: Request) async throws -> Response {
        let (article, _) = try await SolutionArticleController.article(request)
        var language: String? = nil
        if let raw = request.queryText("language") { language = try await self.language(raw, of: article, request) }
        let revisions = try await ArticleRevisionService.revisions(of: try article.requireID(), language: language, on: request.db)
        return try ok(revisions.map { RevisionDTO($0, withText: false) })
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let (article, _) = try await SolutionArticleController.article(request)
        let revision = try await ArticleRevisionService.revision(try number(request), of: try article.requireID(), on: request.db)
        return try ok(RevisionDTO(revision, withText: true))
    }

    /// Makes the revision the draft of its language; answers the article in that language, draft included.
    @Sendable
    func restore(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        let (article, folder) = try await SolutionArticleController.article(request)
        let choice = try self.choice(request)
        let draft = try await ArticleRevisionService.restore(try number(request), of: article, agentID: caller.agentID,
                                                             baseRevision: choice.base_revision, on: request.db)
        return try await answer(article, folder: folder, language: draft.language, request)
    }

    // MARK: Reading the request

    private func choice(_ request: Request) throws -> Choice {
        guard let body = request.body.data, body.readableBytes > 0 else { return Choice(language: nil, base_revision: nil) }
        return try request.decodeBody(Choice.self)
    }

    private func number(_ request: Request) throws -> Int {
        guard let number = request.parameters.get("number").flatMap(Int.init), number > 0 else { throw AppError.revisionNotFound }
        return number
    }

    /// `raw`, one of the account's languages, or the article's primary language when not given.
    private func language(_ raw: String?, of article: Article, _ request: Request) async throws -> String {
        guard let raw else { return article.primaryLanguage }
        return try ArticleStore.checkLanguage(raw, account: try await request.account(of: try request.apiCaller))
    }

    /// The article in `language` as `GET` shows it; with only a draft in that language, the primary version.
    private func answer(_ article: Article, folder: SolutionFolder, language: String, _ request: Request) async throws -> Response {
        guard let fresh = try await ArticleStore.find(try article.requireID(), accountID: article.accountID, on: request.db)
        else { throw AppError.articleNotFound }
        let shown = try await ArticleStore.translation(of: fresh, in: language, on: request.db) == nil ? fresh.primaryLanguage : language
        return try await SolutionArticleController.dto(fresh, folder: folder, language: shown, on: request.db)
    }
}
