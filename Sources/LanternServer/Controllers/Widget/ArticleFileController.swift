import LanternCore
import Vapor

/// `GET /widget/v1/article-files/{id}/{key}/{name}`: a file of an article, on the widget's origin, to whoever may
/// read the article (`ArticleAttachmentService.serve`; 404 to anyone else). Served with its type, `nosniff`, a
/// sandboxing CSP, an ETag (`If-None-Match` answers 304) and long-lived cache headers: `public, immutable` for files
/// of public articles, `private` for the others. Images are shown inline, other files downloaded.
struct ArticleFileController: RouteCollection {
    /// The agent portal's copy of its session cookie, scoped to the files' path (the portal's own is scoped to `/agent`).
    static let agentCookie = "lantern_agent_files"
    static let publicCaching = "public, max-age=31536000, immutable"
    static let privateCaching = "private, max-age=3600"

    func boot(routes: any RoutesBuilder) throws {
        routes.get("widget", "v1", "article-files", ":id", ":key", ":name", use: file)
    }

    @Sendable
    func file(request: Request) async throws -> Response {
        let notFound = AppError(.attachmentNotFound, "There is no such file, or you may not see it.")
        guard let id = request.parameters.get("id").flatMap(Int.init), let key = request.parameters.get("key") else { throw notFound }
        let requester = ArticleAttachmentService.Requester(agentToken: request.cookies[Self.agentCookie]?.string,
                                                           grant: request.queryText("grant"))
        guard let served = try await ArticleAttachmentService.serve(id: id, key: key, requester: requester, on: request.db)
        else { throw notFound }
        let file = served.file
        var headers = HTTPHeaders()
        let etag = "\"\(file.sha256)\""
        headers.replaceOrAdd(name: .eTag, value: etag)
        headers.replaceOrAdd(name: .cacheControl, value: served.isPublic ? Self.publicCaching : Self.privateCaching)
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: .contentSecurityPolicy, value: "default-src 'none'; sandbox")
        if let sent = request.headers.first(name: .ifNoneMatch),
           sent.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag || $0.trimmingCharacters(in: .whitespaces) == "*" }) {
            return Response(status: .notModified, headers: headers)
        }
        headers.replaceOrAdd(name: .contentType, value: file.contentType)
        let disposition = Response.contentDisposition(file.filename)
        headers.replaceOrAdd(name: .contentDisposition,
                             value: ArticleFilePolicy.isImage(file.contentType) ? "inline" + disposition.dropFirst("attachment".count) : disposition)
        return Response(status: .ok, headers: headers, body: .init(data: file.data))
    }

    /// The file cookie for an agent's page that shows article files (the editor, previews, history).
    static func cookie(token: String, request: Request) -> HTTPCookies.Value {
        PortalCookie.make(token, path: ArticleAttachment.pathPrefix, request: request, maxAge: Int(PortalSessionService.agentLifetime))
    }
}
