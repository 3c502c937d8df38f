import Fluent
import Vapor

/// `/agent/security/widget` (admins only; the route group is guarded): the shared secret widget tokens are signed
/// with, and its reset, which asks for confirmation first and signs every customer out.
struct AgentWidgetSecurityController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let security = routes.grouped("security", "widget")
        security.get(use: show)
        security.get("reset", use: confirmReset)
        security.post("reset", use: reset)
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        guard let secret = try await SharedSecretService.show(accountID: agent.session.accountID, on: request.db)
        else { throw PortalError.notFound("account") }
        return AgentWidgetSecurityPage(sharedSecret: secret.sharedSecret, resetAt: secret.resetAt,
                                       flash: AgentPage.notice(request)).render(agent)
    }

    @Sendable
    func confirmReset(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        return AgentSecretResetPage(csrf: agent.csrf).render(agent)
    }

    /// Resets only when the form says `confirm=yes`; otherwise back to the question.
    @Sendable
    func reset(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        let form = try await request.collectForm()
        guard form["confirm"] == "yes" else { return seeOther("/agent/security/widget/reset") }
        guard try await SharedSecretService.reset(accountID: agent.session.accountID, on: request.db) != nil
        else { throw PortalError.notFound("account") }
        request.logger.notice("Shared secret of account \(agent.session.accountID) reset by agent \(agent.session.agentID) in the agent portal")
        return seeOther("/agent/security/widget?done=reset")
    }
}
