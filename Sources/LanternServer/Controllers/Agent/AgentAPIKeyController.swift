import Fluent
import Vapor

/// `/agent/api-key` (every agent): the signed-in agent's own API keys. A new key is shown once, in the answer to
/// the form that created it, never in a URL or a later page.
struct AgentAPIKeyController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("api-key", use: list)
        routes.post("api-key", use: create)
        routes.post("api-key", ":id", "revoke", use: revoke)
    }

    @Sendable
    func list(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        var page = try await keysPage(agent, on: request.db)
        page.flash = AgentPage.notice(request)
        return page.render(agent)
    }

    @Sendable
    func create(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        let form = try await request.collectForm()
        let key: String
        do {
            key = try await APIKeyService.create(name: form["name"], accountID: agent.session.accountID,
                                                 agentID: agent.session.agentID, on: request.db)
        } catch let error as AppError where error.code == .validationFailed {
            throw PortalError(status: .unprocessableEntity, title: "API key not created", message: FormErrorSummary.text(error.fields) ?? "")
        }
        var page = try await keysPage(agent, on: request.db)
        (page.flash, page.newKey) = ("API key created.", key)
        return page.render(agent)
    }

    @Sendable
    func revoke(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        try await APIKeyService.revoke(try request.portalID("id", "API key"), agentID: agent.session.agentID, on: request.db)
        return seeOther("/agent/api-key?done=revoked")
    }

    private func keysPage(_ agent: PortalSessionService.SignedInAgent, on db: any Database) async throws -> AgentAPIKeysPage {
        let keys = try await APIKeyService.keys(ofAgent: agent.session.agentID, on: db)
        return AgentAPIKeysPage(keys: keys.map { .init(id: $0.id ?? 0, name: $0.name, createdAt: $0.createdAt) }, csrf: agent.csrf)
    }
}
