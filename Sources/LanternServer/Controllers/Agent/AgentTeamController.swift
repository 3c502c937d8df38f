import Fluent
import Vapor

/// `/agent/agents` (admins only; the route group is guarded): the account's agents, adding one, changing a role and
/// removing one. An admin cannot change their own role or remove themselves.
struct AgentTeamController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("agents", use: list)
        routes.post("agents", use: create)
        routes.post("agents", ":id", use: update)
        routes.post("agents", ":id", "delete", use: delete)
    }

    @Sendable
    func list(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        var page = try await teamPage(agent, on: request.db)
        page.flash = AgentPage.notice(request)
        return page.render(agent)
    }

    @Sendable
    func create(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        let form = try await request.collectForm()
        let new = AgentService.NewAgent(name: form["name"], email: form["email"], password: form["password"], role: form["role"])
        do {
            _ = try await AgentService.create(new, accountID: agent.session.accountID, hasher: request.password.async, on: request.db)
            return seeOther("/agent/agents?done=created")
        } catch let error as AppError where error.code == .validationFailed {
            var page = try await teamPage(agent, on: request.db)
            (page.newName, page.newEmail, page.newRole) = (form["name"] ?? "", form["email"] ?? "", form["role"] ?? "agent")
            page.errors = error.fields ?? [:]
            return page.render(agent)
        }
    }

    @Sendable
    func update(request: Request) async throws -> Response {
        let other = try await loadOther(request)
        let form = try await request.collectForm()
        guard let role = Agent.Role(rawValue: form["role"] ?? "") else {
            throw PortalError(status: .unprocessableEntity, title: "Role not changed", message: "The role must be agent or admin.")
        }
        try await AgentService.changeRole(of: other, to: role, on: request.db)
        return seeOther("/agent/agents?done=saved")
    }

    /// Removes the agent with their sessions and API keys.
    @Sendable
    func delete(request: Request) async throws -> Response {
        try await AgentService.delete(try await loadOther(request), on: request.db)
        return seeOther("/agent/agents?done=deleted")
    }

    /// The agent of the path, who must not be the signed-in admin.
    private func loadOther(_ request: Request) async throws -> Agent {
        let agent = try request.signedInAgent
        guard let other = try await AgentService.find(try request.portalID("id", "agent"), accountID: agent.session.accountID,
                                                      on: request.db)
        else { throw PortalError.notFound("agent") }
        guard other.id != agent.session.agentID else {
            throw PortalError(status: .unprocessableEntity, title: "Not allowed", message: "You cannot change your own role or remove yourself; ask another admin.")
        }
        return other
    }

    private func teamPage(_ agent: PortalSessionService.SignedInAgent, on db: any Database) async throws -> AgentTeamPage {
        let members = try await AgentService.all(accountID: agent.session.accountID, on: db)
        return AgentTeamPage(members: members.map { other in
            .init(id: other.id ?? 0, name: other.name, email: other.email, isAdmin: other.role == .admin,
                  isSelf: (other.id ?? 0) == agent.session.agentID)
        }, csrf: agent.csrf)
    }
}
