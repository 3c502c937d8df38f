import Vapor

extension AgentCompaniesPage {
    var title: String { "Companies" }

    var errorMessage: String? { FormErrorSummary.text(errors) }

    var content: HTML {
        let body: HTML = rows.html { row in
            "<tr><td><a href=\"/agent/companies/\(row.id)\">\(row.name)</a></td><td>\(row.contactCount)</td></tr>"
        }
        return """
            <h1>Companies</h1>
            \(AgentPeopleSearch.form("/agent/companies", label: "Search by name", term: term))
            \(rows.isEmpty ? HTML("<p>No companies found.</p>") : "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Contacts</th></tr></thead><tbody>\(body)</tbody></table></div>")
            \(AgentPeopleSearch.pager("/agent/companies", term: term, page: page, hasMore: hasMore))
            <section class="card"><h2>New company</h2>
            \(PortalLayout.form(action: "/agent/companies", csrf: csrf, AgentCompanyFields.html(name: newName, domains: newDomains)
                + "<div class=\"actions\"><button type=\"submit\">Create company</button></div>"))
            </section>
            """
    }

    func render(_ agent: PortalSessionService.SignedInAgent) -> Response {
        AgentPage.render(agent, title: title, section: .companies, flash: flash, error: errorMessage,
                         status: errors.isEmpty ? .ok : .unprocessableEntity, content)
    }
}
