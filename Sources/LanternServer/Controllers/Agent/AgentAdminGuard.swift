import Vapor

/// Guards the agent portal's admin pages (after `AgentSessionMiddleware`): other agents get the "Admins only" page.
struct AgentAdminGuard: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard try request.signedInAgent.isAdmin else { throw PortalError.adminOnly }
        return try await next.respond(to: request)
    }
}
