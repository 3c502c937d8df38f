import Foundation
import Vapor

/// Requires a live agent-portal session (else: to the sign-in page) and, on every POST, the session's CSRF token
/// in the form's `csrf_token` field (else: 403). Handlers read the agent as `request.signedInAgent`.
struct AgentSessionMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let token = request.cookies[PortalSessionService.agentCookie]?.string,
              let signedIn = try await PortalSessionService.agentSession(token: token, on: request.db)
        else {
            if request.method == .POST {
                // Without a session there is no CSRF token the post could carry.
                _ = try await request.collectForm()
                throw PortalError.csrf
            }
            var next = request.url.path
            if let query = request.url.query, !query.isEmpty { next += "?" + query }
            return seeOther("/agent/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/agent"))
        }
        if request.method == .POST {
            let form = try await request.collectForm()
            guard PortalSessionService.csrfMatches(form["csrf_token"], signedIn.csrf) else { throw PortalError.csrf }
        }
        request.storage[AgentKey.self] = signedIn
        return try await next.respond(to: request)
    }

    struct AgentKey: StorageKey { typealias Value = PortalSessionService.SignedInAgent }
}
