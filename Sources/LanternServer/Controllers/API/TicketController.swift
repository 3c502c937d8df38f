import Fluent
import Vapor

/// `/api/v2/tickets`: the tickets customers sent, newest first, with their attachments (agents only).
struct TicketController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let tickets = routes.grouped("tickets")
        tickets.get(use: list)
        tickets.get(":id", use: show)
        tickets.get(":id", "attachments", ":position", use: attachment)
    }

    /// `email`, `verified`, `widget_id` and `created_since` (or `updated_since`) filter the list.
    @Sendable
    func list(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        let page = try PageRequest(from: request)
        let filter = try TicketService.Filter(apiParameters: { request.queryText($0) })
        let tickets = try await TicketService.list(accountID: caller.accountID, filter: filter, page: page, on: request.db)
        let attachments = try await TicketService.attachments(ofTickets: tickets.items.compactMap(\.id), on: request.db)
        return try tickets.map { try TicketDTO($0, attachments: attachments[$0.id ?? 0] ?? []) }
            .response(for: request, pageRequest: page)
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let ticket = try await ticket(request)
        let attachments = try await TicketService.attachments(ofTickets: [try ticket.requireID()], on: request.db)
        return try ok(TicketDTO(ticket, attachments: attachments[try ticket.requireID()] ?? []))
    }

    /// The n-th attachment's bytes (from 0), always as a download.
    @Sendable
    func attachment(request: Request) async throws -> Response {
        let ticket = try await ticket(request)
        guard let position = request.parameters.get("position", as: Int.self),
              let file = try await TicketService.attachment(ticketID: try ticket.requireID(), position: position, on: request.db)
        else { throw AppError(.attachmentNotFound, "The ticket has no attachment with this number (they count from 0).") }
        return .attachmentDownload(file)
    }

    private func ticket(_ request: Request) async throws -> Ticket {
        let caller = try request.apiCaller
        let notFound = AppError(.ticketNotFound, "No ticket has this id in your account.")
        guard let ticket = try await TicketService.find(try request.id(notFound: notFound), accountID: caller.accountID, on: request.db)
        else { throw notFound }
        return ticket
    }
}
