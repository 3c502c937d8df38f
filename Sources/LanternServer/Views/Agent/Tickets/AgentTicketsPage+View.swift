import LanternCore
import Vapor

extension AgentTicketsPage {
    var title: String { "Tickets" }

    var content: HTML {
        let rows: HTML = self.rows.html { ticket in
            let files = ticket.attachmentCount
            let assignee: HTML = ticket.assigneeName.map { HTML.text($0) }
                ?? (ticket.awaitsAssignee ? "<span class=\"badge warning\">Unassigned</span>" : "<span class=\"muted\">Unassigned</span>")
            return """
            <tr\(ticket.awaitsAssignee ? HTML(" class=\"unassigned\"") : .empty)><td><a href="/agent/tickets/\(ticket.id)">\(ticket.subject)</a>\(files > 0 ? " (\(files) attachment\(files == 1 ? "" : "s"))" : "")</td>
            <td>\(ticket.status.label)</td><td>\(ticket.priority.label)</td><td>\(assignee)</td>
            <td>\(ticket.name)<br><span class="muted">\(ticket.email)</span></td>
            <td>\(ticket.verified ? "Verified" : "Not verified")</td>
            <td>\(ticket.widgetName ?? "—")</td><td>\(PortalLayout.date(ticket.updatedAt))</td></tr>
            """
        }
        let codes = { (cases: [(Int, String)]) in cases.map { (String($0.0), $0.1) } }
        let table: HTML = self.rows.isEmpty ? "<p>No tickets.</p>" : """
            <div class="table-wrap"><table><thead><tr><th scope="col">Subject</th><th scope="col">Status</th><th scope="col">Priority</th>\
            <th scope="col">Assignee</th><th scope="col">Requester</th><th scope="col">Identity</th><th scope="col">Widget</th>\
            <th scope="col">Last activity</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """
        return """
            <h1>Tickets</h1>
            \(statusCounts)
            <form method="get" action="/agent/tickets" class="search" role="search" aria-label="Filter tickets">
            \(PortalLayout.select("Status", name: "status", options: [("", "Any status")] + codes(TicketStatus.allCases.map { ($0.rawValue, $0.label) }), selected: filters.status))
            \(PortalLayout.select("Priority", name: "priority", options: [("", "Any priority")] + codes(TicketPriority.allCases.map { ($0.rawValue, $0.label) }), selected: filters.priority))
            \(PortalLayout.select("Assignee", name: "assignee", options: [("", "Anyone"), ("me", "Assigned to me"), ("unassigned", "Unassigned")], selected: filters.assignee))
            \(PortalLayout.select("Requester", name: "verified", options: [("", "Any"), ("yes", "Verified (signed in)"), ("no", "Not verified")], selected: filters.verified))
            \(PortalLayout.select("Widget", name: "widget", options: [("", "Any widget")] + widgets.map { (String($0.id), $0.name) }, selected: filters.widget))
            \(PortalLayout.field("Requester e-mail", name: "email", value: filters.email, type: "search"))
            <button type="submit">Filter</button></form>
            \(table)
            \(PortalLayout.pager(page: page, hasMore: hasMore) { filters.url([("page", String($0))]) })
            """
    }

    /// The counts per status under the other filters, each a link to that status (the current one marked).
    var statusCounts: HTML {
        var others = filters
        others.status = ""
        let total = counts.values.reduce(0, +)
        let links: [(String, String, Int)] = [("", "All", total)] + TicketStatus.allCases.map { (String($0.rawValue), $0.label, counts[$0] ?? 0) }
        return """
            <nav aria-label="Tickets per status"><ul>\(links.html { link in
                var target = others
                target.status = link.0
                return "<li><a href=\"\(target.url())\"\(filters.status == link.0 ? HTML(" aria-current=\"true\"") : .empty)>\(link.1) (\(link.2))</a></li>"
            })</ul></nav>
            """
    }

    func render(_ agent: PortalSessionService.SignedInAgent) -> Response {
        AgentPage.render(agent, title: title, section: .tickets, content)
    }
}
