import Fluent
import LanternCore
import Vapor

/// `/agent/tickets`: the ticket list (filter by verified requester, by widget, search by e-mail), one ticket, and
/// its attachments as downloads.
struct AgentTicketController: RouteCollection {
    static let perPage = 50

    func boot(routes: any RoutesBuilder) throws {
        routes.get("tickets", use: list)
        routes.get("tickets", ":id", use: show)
        routes.get("tickets", ":id", "attachments", ":position", use: attachment)
    }

    /// `verified` (`yes`, `no`), `widget` (an id) and `email` filter the list; anything else is ignored.
    @Sendable
    func list(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        let accountID = agent.session.accountID
        let verified = request.queryText("verified")
        let widgetID = request.queryInt("widget")
        let email = String((request.queryText("email") ?? "").trimmingCharacters(in: .whitespaces).prefix(254))
        let page = PageRequest.portal(request, perPage: Self.perPage)
        let filter = TicketFilter(email: email.isEmpty ? nil : EmailAddress.normalized(email) ?? email,
                                          verified: verified == "yes" ? true : verified == "no" ? false : nil, widgetID: widgetID)
        let found = try await TicketService.list(accountID: accountID, filter: filter, page: page, on: request.db)
        let attachments = try await TicketService.attachments(ofTickets: found.items.compactMap(\.id), on: request.db)
        let widgets = try await WidgetService.all(accountID: accountID, on: request.db)
        let names = Dictionary(uniqueKeysWithValues: widgets.compactMap { widget in widget.id.map { ($0, widget.name) } })
        let rows = found.items.map { ticket in
            AgentTicketsPage.Row(id: ticket.id ?? 0, subject: ticket.subject, attachmentCount: attachments[ticket.id ?? 0]?.count ?? 0,
                                 name: ticket.name, email: ticket.email, verified: ticket.verified,
                                 widgetName: ticket.widgetID.flatMap { names[$0] }, createdAt: ticket.createdAt)
        }
        return AgentTicketsPage(verified: verified ?? "", widgetID: widgetID, email: email,
                                widgets: widgets.map { .init(id: $0.id ?? 0, name: $0.name) },
                                rows: rows, page: page.page, hasMore: found.hasMore).render(agent)
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        let accountID = agent.session.accountID
        guard let ticket = try await TicketService.find(try request.portalID("id", "ticket"), accountID: accountID, on: request.db)
        else { throw PortalError.notFound("ticket") }
        let ticketID = try ticket.requireID()
        var widget: Widget? = nil
        if let widgetID = ticket.widgetID { widget = try await WidgetService.find(widgetID, accountID: accountID, on: request.db) }
        let files = try await TicketService.attachments(ofTickets: [ticketID], on: request.db)[ticketID] ?? []
        return AgentTicketPage(
            id: ticketID, subject: ticket.subject, name: ticket.name, email: ticket.email, contactID: ticket.contactID,
            verified: ticket.verified, createdAt: ticket.createdAt, widgetName: widget?.name, description: ticket.description,
            attachments: files.map { .init(position: $0.position, filename: $0.filename, contentType: $0.contentType, size: $0.size) }
        ).render(agent)
    }

    /// The n-th attachment's bytes (from 0), always as a download, with the API's headers.
    @Sendable
    func attachment(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        guard let ticket = try await TicketService.find(try request.portalID("id", "ticket"), accountID: agent.session.accountID,
                                                        on: request.db),
              let position = request.parameters.get("position", as: Int.self),
              let file = try await TicketService.attachment(ticketID: try ticket.requireID(), position: position, on: request.db)
        else { throw PortalError.notFound("attachment") }
        return .attachmentDownload(file)
    }
}
