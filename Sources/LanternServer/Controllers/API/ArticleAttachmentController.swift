import Fluent
import LanternCore
import Vapor

/// `POST /api/v2/solutions/articles/{id}/attachments` (an API key) and `POST /agent/kb/articles/{id}/attachments` (the
/// agent portal's editor: the session cookie and an `X-CSRF-Token` header): one file in `attachments[]` (or
/// `attachments`, or `file`) of a `multipart/form-data` body, read as a stream, checked by `ArticleFilePolicy`,
/// stored with the article. Answers `201 {"id", "name", "content_type", "size", "url"}`; `url` goes into the HTML.
/// Errors are JSON on both paths.
struct ArticleAttachmentController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.POST, "solutions", "articles", ":id", "attachments", body: .stream, use: createWithKey)
            .bodyLimit(TicketEntryForm.maximumBodyBytes)
    }

    /// Mounts the agent portal's upload (outside the portal's HTML error pages: the editor reads JSON).
    static func bootPortal(_ routes: any RoutesBuilder) {
        routes.on(.POST, "agent", "kb", "articles", ":id", "attachments", body: .stream, use: ArticleAttachmentController().createInPortal)
            .bodyLimit(TicketEntryForm.maximumBodyBytes)
    }

    @Sendable
    func createWithKey(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        let (article, _) = try await SolutionArticleController.article(request)
        return try await create(request, article: article, agentID: caller.agentID)
    }

    @Sendable
    func createInPortal(request: Request) async throws -> Response {
        guard let token = request.cookies[PortalSessionService.agentCookie]?.string,
              let agent = try await PortalSessionService.agentSession(token: token, on: request.db)
        else { throw AppError(.unauthorized, "Sign in to the agent portal again.") }
        guard PortalSessionService.csrfMatches(request.headers.first(name: "X-CSRF-Token"), agent.csrf) else {
            throw AppError(.forbidden, "The page's security token is missing or out of date: reload the page.")
        }
        guard let id = request.parameters.get("id").flatMap(Int.init),
              let article = try await ArticleStore.find(id, accountID: agent.session.accountID, on: request.db)
        else { throw AppError.articleNotFound }
        return try await create(request, article: article, agentID: try agent.agent.requireID())
    }

    private func create(_ request: Request, article: Article, agentID: Int?) async throws -> Response {
        guard request.headers.contentType?.type == "multipart" else {
            throw AppError(.unsupportedMediaType, "Send the file as multipart/form-data, in the field attachments[].")
        }
        let form = try await TicketEntryForm.read(request)
        defer { form.discard() }
        guard form.files.count == 1, let upload = form.files.first else {
            throw AppError.validation(["attachments": form.files.isEmpty ? "must carry one file" : "must carry one file per request"])
        }
        let file = upload.file
        let accepted: AttachmentPolicy.Accepted
        switch ArticleFilePolicy.check(AttachmentPolicy.Upload(filename: file.filename, size: file.size, head: file.head)) {
        case .success(let checked): accepted = checked
        case .failure(.tooLarge(let reason)): throw AppError(.payloadTooLarge, "An article file may be at most 10 MiB: \(reason).")
        case .failure(.invalid(let reason)): throw AppError.validation(["attachments": reason])
        case .failure(.tooMany): throw AppError.validation(["attachments": "must carry one file per request"])
        }
        let attachment = try await ArticleAttachmentService.create(article, file: file, accepted: accepted, agentID: agentID, on: request.db)
        return try created(ArticleAttachmentDTO(attachment))
    }
}
