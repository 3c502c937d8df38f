import Vapor

extension AgentTeamPage {
    var title: String { "Agents" }

    var errorMessage: String? { FormErrorSummary.text(errors) }

    var content: HTML {
        let roles = [("agent", "Agent"), ("admin", "Admin")]
        let rows: HTML = members.html { other in
            let id = other.id
            let isSelf = other.isSelf
            return """
                <tr><td>\(other.name)\(isSelf ? " (you)" : "")</td><td>\(other.email)</td>
                <td>\(isSelf ? HTML.text(other.isAdmin ? "Admin" : "Agent") : PortalLayout.form(action: "/agent/agents/\(id)", csrf: csrf, class: "inline",
                    PortalLayout.select("Role of \(other.name)", name: "role", options: roles, selected: other.isAdmin ? "admin" : "agent", id: "role-\(id)")
                    + "<button type=\"submit\" class=\"secondary\">Change role</button>"))</td>
                <td>\(isSelf ? HTML.empty : PortalLayout.form(action: "/agent/agents/\(id)/delete", csrf: csrf, class: "inline",
                    "<button type=\"submit\" class=\"danger\" aria-label=\"Remove \(other.name)\">Remove</button>"))</td></tr>
                """
        }
        return """
            <h1>Agents</h1>
            <div class="table-wrap"><table><thead><tr><th scope="col">Name</th><th scope="col">E-mail</th><th scope="col">Role</th><th scope="col">Remove</th></tr></thead><tbody>\(rows)</tbody></table></div>
            <section class="card"><h2>Add an agent</h2>
            \(PortalLayout.form(action: "/agent/agents", csrf: csrf, """
                \(PortalLayout.field("Name", name: "name", value: newName, required: true, id: "new-name"))
                \(PortalLayout.field("E-mail address", name: "email", value: newEmail, type: "email", required: true, id: "new-email"))
                \(PortalLayout.field("Password", name: "password", type: "password", required: true, hint: "8 to 72 characters; tell the agent through a safe channel.", autocomplete: "new-password", id: "new-password"))
                \(PortalLayout.select("Role", name: "role", options: roles, selected: newRole, id: "new-role"))
                <div class="actions"><button type="submit">Add agent</button></div>
                """))
            </section>
            """
    }

    func render(_ agent: PortalSessionService.SignedInAgent) -> Response {
        AgentPage.render(agent, title: title, section: .agents, flash: flash, error: errorMessage,
                         status: errors.isEmpty ? .ok : .unprocessableEntity, content)
    }
}
