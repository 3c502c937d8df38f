import Vapor

extension AgentCompanyPage {
    var title: String { companyName }

    var errorMessage: String? { FormErrorSummary.text(errors) }

    var content: HTML {
        let memberList: HTML = members.html { member in
            "<li><a href=\"/agent/contacts/\(member.id)\">\(member.name)</a> <span class=\"muted\">\(member.email)</span></li>"
        }
        return """
            <p><a href="/agent/companies">Companies</a> ›</p>
            <h1>Company: \(companyName)</h1>
            <section class="card">
            \(PortalLayout.form(action: "/agent/companies/\(id)", csrf: csrf, AgentCompanyFields.html(name: name, domains: domains)
                + "<div class=\"actions\"><button type=\"submit\">Save company</button></div>"))
            </section>
            <section class="card"><h2>Contacts</h2>\(members.isEmpty ? HTML("<p>No contacts yet.</p>") : "<ul>\(memberList)</ul>")</section>
            """
    }

    func render(_ agent: PortalSessionService.SignedInAgent) -> Response {
        AgentPage.render(agent, title: title, section: .companies, flash: flash, error: errorMessage,
                         status: errors.isEmpty ? .ok : .unprocessableEntity, content)
    }
}
