import Fluent
import Vapor

/// Tickets: the list (filter by verified requester, by widget, search by e-mail) and one ticket.
struct AgentTicketController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("tickets", use: list)
        routes.get("tickets", ":id", use: show)
        routes.get("tickets", ":id", "attachments", ":position", use: attachment)
    }

    static let perPage = 50

    @Sendable
    func list(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        let accountID = agent.session.accountID
        let verified = request.queryText("verified")
        let widgetID = request.queryInt("widget")
        let email = String((request.queryText("email") ?? "").trimmingCharacters(in: .whitespaces).prefix(254))
        let page = max(1, min(request.queryInt("page") ?? 1, 10_000))
        var filter = TicketService.Filter()
        filter.verified = verified == "yes" ? true : verified == "no" ? false : nil
        filter.widgetID = widgetID
        filter.email = email.isEmpty ? nil : email.lowercased()
        let found = try await TicketService.list(accountID: accountID, filter: filter, page: PageRequest(page: page, perPage: Self.perPage), on: request.db)
        let tickets = found.items
        let attachments = try await TicketService.attachments(ofTickets: tickets.compactMap(\.id), on: request.db)
        let widgets = try await Widget.query(on: request.db).filter(\.$accountID == accountID).sort(\.$id).all()
        let names = Dictionary(uniqueKeysWithValues: widgets.compactMap { w in w.id.map { ($0, w.name) } })
        let rows: HTML = tickets.html { ticket in
            let files = attachments[ticket.id ?? 0]?.count ?? 0
            return """
            <tr><td><a href="/agent/tickets/\(ticket.id ?? 0)">\(ticket.subject)</a>\(files > 0 ? " (\(files) attachment\(files == 1 ? "" : "s"))" : "")</td>
            <td>\(ticket.name)<br><span class="muted">\(ticket.email)</span></td>
            <td>\(ticket.verified ? "Verified" : "Not verified")</td>
            <td>\(ticket.widgetID.flatMap { names[$0] } ?? "—")</td><td>\(PortalLayout.date(ticket.createdAt))</td></tr>
            """
        }
        var base = "/agent/tickets?verified=\(verified ?? "")&widget=\(widgetID.map(String.init) ?? "")"
        base += "&email=" + (email.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        var pager: [HTML] = []
        if page > 1 { pager.append("<a href=\"\(base)&page=\(page - 1)\">Newer</a>") }
        if found.hasMore { pager.append("<a href=\"\(base)&page=\(page + 1)\">Older</a>") }
        let content: HTML = """
            <h1>Tickets</h1>
            <form method="get" action="/agent/tickets" class="search" role="search">
            \(PortalLayout.select("Requester", name: "verified", options: [("", "Any"), ("yes", "Verified (signed in)"), ("no", "Not verified")], selected: verified ?? ""))
            \(PortalLayout.select("Widget", name: "widget", options: [("", "Any widget")] + widgets.map { (String($0.id ?? 0), $0.name) }, selected: widgetID.map(String.init) ?? ""))
            \(PortalLayout.field("Requester e-mail", name: "email", value: email, type: "search"))
            <button type="submit">Filter</button></form>
            \(tickets.isEmpty ? HTML("<p>No tickets.</p>") : "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Subject</th><th scope=\"col\">Requester</th><th scope=\"col\">Identity</th><th scope=\"col\">Widget</th><th scope=\"col\">Received</th></tr></thead><tbody>\(rows)</tbody></table></div>")
            \(pager.isEmpty ? HTML.empty : "<p class=\"actions\">\(pager)</p>")
            """
        return AgentPage.render(agent, title: "Tickets", section: .tickets, content)
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        guard let ticket = try await Ticket.find(try request.portalID("id", "ticket"), inAccount: agent.session.accountID, on: request.db)
        else { throw PortalError.notFound("ticket") }
        var widget: Widget? = nil
        if let widgetID = ticket.widgetID { widget = try await Widget.find(widgetID, inAccount: agent.session.accountID, on: request.db) }
        let files = try await TicketService.attachments(ofTickets: [try ticket.requireID()], on: request.db)[try ticket.requireID()] ?? []
        let attachments: HTML = files.isEmpty ? .empty : """
            <section class="card"><h2>Attachments</h2><ul>\(files.html { file in
                "<li><a href=\"/agent/tickets/\(ticket.id ?? 0)/attachments/\(file.position)\">\(file.filename)</a> <span class=\"muted\">\(file.contentType), \(Self.size(file.size))</span></li>"
            })</ul></section>
            """
        let requester: HTML = ticket.contactID.map { "<a href=\"/agent/contacts/\($0)\">\(ticket.name)</a>" } ?? HTML.text(ticket.name)
        let content: HTML = """
            <p><a href="/agent/tickets">Tickets</a> ›</p>
            <h1>\(ticket.subject)</h1>
            <section class="card">
            <p>From \(requester) &lt;\(ticket.email)&gt; · <span class="badge">\(ticket.verified ? "Verified" : "Not verified")</span></p>
            <p class="muted">Received \(PortalLayout.date(ticket.createdAt))\(widget.map { " through \($0.name)" } ?? "")</p>
            <pre>\(ticket.description)</pre>
            </section>
            \(attachments)
            """
        return AgentPage.render(agent, title: ticket.subject, section: .tickets, content)
    }
}

extension AgentTicketController {
    static func size(_ bytes: Int) -> String {
        bytes < 1024 ? "\(bytes) bytes" : bytes < 1024 * 1024 ? "\((bytes + 512) / 1024) KiB" : String(format: "%.1f MiB", Double(bytes) / 1048576)
    }

    /// The n-th attachment's bytes (from 0), always as a download, with the API's headers.
    @Sendable
    func attachment(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        guard let ticket = try await Ticket.find(try request.portalID("id", "ticket"), inAccount: agent.session.accountID, on: request.db),
              let position = request.parameters.get("position", as: Int.self),
              let file = try await TicketService.attachment(ticketID: try ticket.requireID(), position: position, on: request.db)
        else { throw PortalError.notFound("attachment") }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: file.contentType)
        headers.replaceOrAdd(name: .contentDisposition, value: TicketController.contentDisposition(file.filename))
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: .contentSecurityPolicy, value: "default-src 'none'; sandbox")
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return Response(status: .ok, headers: headers, body: .init(data: file.data))
    }
}
