import Vapor

/// For the agent portal's forms with files (a ticket's reply and private note, multipart bodies read as a stream):
/// requires a live session as `AgentSessionMiddleware` does, but leaves the CSRF check to the handler, which finds
/// the token among the form's fields once it has read them (`AgentSessionMiddleware` collects every POST body as a
/// URL-encoded form, which a multipart stream is not). Without a session the post is refused with 403 unread.
struct AgentEntryFormSessionMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let token = request.cookies[PortalSessionService.agentCookie]?.string,
              let signedIn = try await PortalSessionService.agentSession(token: token, on: request.db)
        else { throw PortalError.csrf }
        request.storage[AgentSessionMiddleware.AgentKey.self] = signedIn
        return try await next.respond(to: request)
    }
}
