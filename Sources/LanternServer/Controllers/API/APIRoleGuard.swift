import Vapor

/// Guards a group of `/api/v2` routes by the caller's role (after `APIKeyAuthenticator`): the routes for agents
/// refuse bot keys, the admin routes refuse everyone but admin agents. Handlers then read `request.apiCaller`.
struct APIRoleGuard: AsyncMiddleware {
    /// Agents and admins; bot keys may only search.
    static let agents = APIRoleGuard(allowed: [.agent, .admin],
                                     refusal: "Bot API keys may only search (GET /api/v2/solutions/search).")
    /// Admin agents only.
    static let admins = APIRoleGuard(allowed: [.admin], refusal: "This needs an admin agent's API key.")

    let allowed: Set<APICaller.Role>
    let refusal: String

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard allowed.contains(try request.apiCaller.role) else { throw AppError(.accessDenied, refusal) }
        return try await next.respond(to: request)
    }
}
