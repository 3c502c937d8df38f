import Fluent
import LanternCore
import Vapor

/// Agents (admins manage them) and the signed-in agent's own API keys.
struct AgentTeamController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("agents", use: agents)
        routes.post("agents", use: createAgent)
        routes.post("agents", ":id", use: updateAgent)
        routes.post("agents", ":id", "delete", use: deleteAgent)
        routes.get("api-key", use: apiKeys)
        routes.post("api-key", use: createAPIKey)
        routes.post("api-key", ":id", "revoke", use: revokeAPIKey)
    }

    // MARK: Agents

    @Sendable
    func agents(request: Request) async throws -> Response {
        let agent = try request.requirePortalAdmin()
        return try await renderAgents(request, agent: agent, flash: AgentPage.notice(request))
    }

    private func renderAgents(_ request: Request, agent: PortalSessionService.SignedInAgent, flash: String? = nil,
                              errors: FieldErrors? = nil, form: PortalForm? = nil) async throws -> Response {
        let all = try await Agent.query(on: request.db).filter(\.$accountID == agent.session.accountID).sort(\.$name).sort(\.$id).all()
        let roles = [("agent", "Agent"), ("admin", "Admin")]
        let rows: HTML = all.html { other in
            let id = other.id ?? 0
            let isSelf = id == agent.session.agentID
            return """
                <tr><td>\(other.name)\(isSelf ? " (you)" : "")</td><td>\(other.email)</td>
                <td>\(isSelf ? HTML.text(other.role == .admin ? "Admin" : "Agent") : PortalLayout.form(action: "/agent/agents/\(id)", csrf: agent.csrf, class: "inline",
                    PortalLayout.select("Role of \(other.name)", name: "role", options: roles, selected: other.role.rawValue, id: "role-\(id)")
                    + "<button type=\"submit\" class=\"secondary\">Change role</button>"))</td>
                <td>\(isSelf ? HTML.empty : PortalLayout.form(action: "/agent/agents/\(id)/delete", csrf: agent.csrf, class: "inline",
                    "<button type=\"submit\" class=\"danger\" aria-label=\"Remove \(other.name)\">Remove</button>"))</td></tr>
                """
        }
        let content: HTML = """
            <h1>Agents</h1>
            <div class="table-wrap"><table><thead><tr><th scope="col">Name</th><th scope="col">E-mail</th><th scope="col">Role</th><th scope="col">Remove</th></tr></thead><tbody>\(rows)</tbody></table></div>
            <section class="card"><h2>Add an agent</h2>
            \(PortalLayout.form(action: "/agent/agents", csrf: agent.csrf, """
                \(PortalLayout.field("Name", name: "name", value: form?["name"] ?? "", required: true, id: "new-name"))
                \(PortalLayout.field("E-mail address", name: "email", value: form?["email"] ?? "", type: "email", required: true, id: "new-email"))
                \(PortalLayout.field("Password", name: "password", type: "password", required: true, hint: "8 to 72 characters; tell the agent through a safe channel.", autocomplete: "new-password", id: "new-password"))
                \(PortalLayout.select("Role", name: "role", options: roles, selected: form?["role"] ?? "agent", id: "new-role"))
                <div class="actions"><button type="submit">Add agent</button></div>
                """))
            </section>
            """
        return AgentPage.render(agent, title: "Agents", section: .agents, flash: flash,
                                error: AgentKnowledgeBaseController.summary(errors), status: errors == nil ? .ok : .unprocessableEntity, content)
    }

    @Sendable
    func createAgent(request: Request) async throws -> Response {
        let agent = try request.requirePortalAdmin()
        let form = try await request.collectForm()
        var errors = FieldErrors()
        let name = errors.text(form["name"], "name", required: true)
        let email = ContactController.email(form["email"], required: true, &errors)
        let password = form["password"] ?? ""
        if password.count < AccountProvisioner.minimumPasswordLength || password.utf8.count > 72 {
            errors.add("password", "must be \(AccountProvisioner.minimumPasswordLength) to 72 characters long")
        }
        let role = Agent.Role(rawValue: form["role"] ?? "")
        if role == nil { errors.add("role", "must be agent or admin") }
        if let email, try await Agent.query(on: request.db).filter(\.$accountID == agent.session.accountID).filter(\.$email == email).count() > 0 {
            errors.add("email", "is already an agent of this account")
        }
        guard errors.fields.isEmpty, let name, let email, let role else {
            return try await renderAgents(request, agent: agent, errors: errors, form: form)
        }
        let hash = try await request.password.async.hash(password)
        do {
            try await Agent(accountID: agent.session.accountID, name: name, email: email, passwordHash: hash, role: role).create(on: request.db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            var taken = FieldErrors()
            taken.add("email", "is already an agent of this account")
            return try await renderAgents(request, agent: agent, errors: taken, form: form)
        }
        return seeOther("/agent/agents?done=created")
    }

    private func loadOther(_ request: Request) async throws -> (PortalSessionService.SignedInAgent, Agent) {
        let agent = try request.requirePortalAdmin()
        guard let other = try await Agent.find(try request.portalID("id", "agent"), inAccount: agent.session.accountID, on: request.db)
        else { throw PortalError.notFound("agent") }
        guard other.id != agent.session.agentID else {
            throw PortalError(status: .unprocessableEntity, title: "Not allowed", message: "You cannot change your own role or remove yourself; ask another admin.")
        }
        return (agent, other)
    }

    @Sendable
    func updateAgent(request: Request) async throws -> Response {
        let (_, other) = try await loadOther(request)
        let form = try await request.collectForm()
        guard let role = Agent.Role(rawValue: form["role"] ?? "") else {
            throw PortalError(status: .unprocessableEntity, title: "Role not changed", message: "The role must be agent or admin.")
        }
        other.role = role
        try await other.save(on: request.db)
        return seeOther("/agent/agents?done=saved")
    }

    /// Removes the agent; their sessions and API keys go with them (foreign keys cascade).
    @Sendable
    func deleteAgent(request: Request) async throws -> Response {
        let (_, other) = try await loadOther(request)
        try await other.delete(on: request.db)
        return seeOther("/agent/agents?done=deleted")
    }

    // MARK: Own API keys

    @Sendable
    func apiKeys(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        return try await renderKeys(request, agent: agent, flash: AgentPage.notice(request), newKey: nil)
    }

    private func renderKeys(_ request: Request, agent: PortalSessionService.SignedInAgent, flash: String?, newKey: String?) async throws -> Response {
        let keys = try await APIKey.query(on: request.db).filter(\.$agentID == agent.session.agentID).sort(\.$id).all()
        let created: HTML = newKey.map { key in """
            <section class="card" aria-labelledby="new-key-h"><h2 id="new-key-h">Your new API key</h2>
            <p class="warning">Copy it now: it is stored hashed and will not be shown again.</p>
            <p><code id="new-api-key">\(key)</code></p>
            <button type="button" class="secondary" data-copy="new-api-key">Copy</button>
            <p class="muted">Use it as <code>curl -u "KEY:X" https://…/api/v2/…</code> or <code>Authorization: Bearer KEY</code>.</p>
            </section>
            \(PortalLayout.copyScript)
            """ } ?? .empty
        let rows: HTML = keys.html { key in
            """
            <tr><td>\(key.name)</td><td>\(PortalLayout.date(key.createdAt))</td>
            <td>\(PortalLayout.form(action: "/agent/api-key/\(key.id ?? 0)/revoke", csrf: agent.csrf, class: "inline",
                "<button type=\"submit\" class=\"danger\" aria-label=\"Revoke \(key.name)\">Revoke</button>"))</td></tr>
            """
        }
        let content: HTML = """
            <h1>My API key</h1>
            \(created)
            <section class="card"><h2>Your keys</h2>
            \(keys.isEmpty ? HTML("<p>You have no API key.</p>") : "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Created</th><th scope=\"col\">Revoke</th></tr></thead><tbody>\(rows)</tbody></table></div>")
            </section>
            <section class="card"><h2>Create an API key</h2>
            \(PortalLayout.form(action: "/agent/api-key", csrf: agent.csrf, """
                \(PortalLayout.field("Name", name: "name", value: "API key", required: true, hint: "To tell your keys apart, e.g. the script that uses it."))
                <div class="actions"><button type="submit">Create API key</button></div>
                """))
            </section>
            """
        return AgentPage.render(agent, title: "My API key", section: .apiKey, flash: flash, content)
    }

    @Sendable
    func createAPIKey(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        let form = try await request.collectForm()
        var errors = FieldErrors()
        guard let name = errors.text(form["name"], "name", required: true, maximum: 100) else {
            throw PortalError(status: .unprocessableEntity, title: "API key not created", message: AgentKnowledgeBaseController.summary(errors) ?? "")
        }
        let key = SecretGenerator.apiKey()
        try await APIKey(accountID: agent.session.accountID, agentID: agent.session.agentID, name: name, role: .agent,
                         keyDigest: APIKeyDigest.of(key)).create(on: request.db)
        // Shown in the answer to the POST itself, never in a URL or a later page.
        return try await renderKeys(request, agent: agent, flash: "API key created.", newKey: key)
    }

    @Sendable
    func revokeAPIKey(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        let id = try request.portalID("id", "API key")
        try await APIKey.query(on: request.db).filter(\.$id == id).filter(\.$agentID == agent.session.agentID).delete()
        return seeOther("/agent/api-key?done=revoked")
    }
}
