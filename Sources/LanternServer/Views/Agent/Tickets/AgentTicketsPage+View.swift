import Vapor

extension AgentTicketsPage {
    var title: String { "Tickets" }

    var content: HTML {
        let rows: HTML = self.rows.html { ticket in
            let files = ticket.attachmentCount
            return """
            <tr><td><a href="/agent/tickets/\(ticket.id)">\(ticket.subject)</a>\(files > 0 ? " (\(files) attachment\(files == 1 ? "" : "s"))" : "")</td>
            <td>\(ticket.name)<br><span class="muted">\(ticket.email)</span></td>
            <td>\(ticket.verified ? "Verified" : "Not verified")</td>
            <td>\(ticket.widgetName ?? "—")</td><td>\(PortalLayout.date(ticket.createdAt))</td></tr>
            """
        }
        var base = "/agent/tickets?verified=\(verified)&widget=\(widgetID.map(String.init) ?? "")"
        base += "&email=" + (email.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        var pager: [HTML] = []
        if page > 1 { pager.append("<a href=\"\(base)&page=\(page - 1)\">Newer</a>") }
        if hasMore { pager.append("<a href=\"\(base)&page=\(page + 1)\">Older</a>") }
        return """
            <h1>Tickets</h1>
            <form method="get" action="/agent/tickets" class="search" role="search">
            \(PortalLayout.select("Requester", name: "verified", options: [("", "Any"), ("yes", "Verified (signed in)"), ("no", "Not verified")], selected: verified))
            \(PortalLayout.select("Widget", name: "widget", options: [("", "Any widget")] + widgets.map { (String($0.id), $0.name) }, selected: widgetID.map(String.init) ?? ""))
            \(PortalLayout.field("Requester e-mail", name: "email", value: email, type: "search"))
            <button type="submit">Filter</button></form>
            \(self.rows.isEmpty ? HTML("<p>No tickets.</p>") : "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Subject</th><th scope=\"col\">Requester</th><th scope=\"col\">Identity</th><th scope=\"col\">Widget</th><th scope=\"col\">Received</th></tr></thead><tbody>\(rows)</tbody></table></div>")
            \(pager.isEmpty ? HTML.empty : "<p class=\"actions\">\(pager)</p>")
            """
    }

    func render(_ agent: PortalSessionService.SignedInAgent) -> Response {
        AgentPage.render(agent, title: title, section: .tickets, content)
    }
}
