extension SupportTicketsPage {
    func render() -> HTML {
        let list: HTML = rows.isEmpty ? "<p>You have no tickets yet.</p>" : """
            <table>
            <thead><tr><th scope="col">Subject</th><th scope="col">Status</th><th scope="col">Last activity</th></tr></thead>
            <tbody>\(rows.html { row in
                """
                <tr data-ticket="\(row.id)"><td><a href="/support/tickets/\(row.id)">\(row.subject)</a> <span class="muted">#\(row.id)</span></td>\
                <td><span class="badge">\(row.status.label)</span></td><td>\(PortalLayout.date(row.updatedAt))</td></tr>
                """
            })</tbody>
            </table>
            """
        let content: HTML = """
            <h1>My tickets</h1>
            <p><a class="button" href="/support/tickets/new">New ticket</a></p>
            \(list)
            \(PortalLayout.pager(page: page, hasMore: hasMore) { "/support/tickets?page=\($0)" })
            """
        return frame.render(title: "My tickets", content)
    }
}
