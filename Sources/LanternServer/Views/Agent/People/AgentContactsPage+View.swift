import Vapor

extension AgentContactsPage {
    var title: String { "Contacts" }

    var content: HTML {
        let body: HTML = rows.html { row in
            """
            <tr><td><a href="/agent/contacts/\(row.id)">\(row.name)</a></td>
            <td>\(row.email)</td><td>\(row.language ?? "—")</td></tr>
            """
        }
        return """
            <h1>Contacts</h1>
            \(AgentPeopleSearch.form("/agent/contacts", label: "Search by name or e-mail", term: term))
            \(rows.isEmpty ? HTML("<p>No contacts found.</p>") : "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">E-mail</th><th scope=\"col\">Language</th></tr></thead><tbody>\(body)</tbody></table></div>")
            \(AgentPeopleSearch.pager("/agent/contacts", term: term, page: page, hasMore: hasMore))
            """
    }

    func render(_ agent: PortalSessionService.SignedInAgent) -> Response {
        AgentPage.render(agent, title: title, section: .contacts, content)
    }
}
