import Fluent
import LanternCore
import Vapor

/// `/api/v2/tickets`: tickets, their properties and their conversations (agents; bots may not reach it).
struct TicketController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let tickets = routes.grouped("tickets")
        tickets.get(use: list)
        tickets.on(.POST, body: .stream, use: create).bodyLimit(TicketEntryForm.maximumBodyBytes)
        tickets.get(":id", use: show)
        tickets.put(":id", use: update)
        tickets.get(":id", "conversations", use: conversations)
        tickets.on(.POST, ":id", "reply", body: .stream, use: reply).bodyLimit(TicketEntryForm.maximumBodyBytes)
        tickets.on(.POST, ":id", "notes", body: .stream, use: note).bodyLimit(TicketEntryForm.maximumBodyBytes)
        tickets.get(":id", "attachments", ":position", use: attachment)
    }

    /// Filters: `email`, `verified`, `widget_id`, `created_since`, `updated_since`, `status`, `priority`,
    /// `responder_id`; order: `order_by`, `order_type`.
    @Sendable
    func list(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        let page = try PageRequest(from: request)
        let filter = try TicketFilter(apiParameters: { request.queryText($0) })
        let tickets = try await TicketService.list(accountID: caller.accountID, filter: filter, page: page, on: request.db)
        let attachments = try await TicketService.attachments(ofTickets: tickets.items.compactMap(\.id), on: request.db)
        return try tickets.map { try TicketDTO($0, attachments: attachments[$0.id ?? 0] ?? []) }
            .response(for: request, pageRequest: page)
    }

    /// JSON, or multipart with `attachments[]` beside the fields (`tags` comma-separated there).
    @Sendable
    func create(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        let form = try await TicketEntryForm.read(request)
        defer { form.discard() }
        let input = try form.json(TicketInput.self, request: request) ?? Self.input(fromForm: form.fields)
        let new = try await input.newTicket(accountID: caller.accountID, attachments: form.files, on: request.db)
        let ticket = try await TicketService.create(new, limit: nil, on: request.db)
        request.application.metrics.ticketCreated(verified: ticket.verified)
        return try created(try await dto(ticket, on: request.db))
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        try ok(try await dto(try await ticket(request), on: request.db))
    }

    @Sendable
    func update(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        let changes = try request.decodeBody(TicketInput.self).changes()
        let ticket = try await TicketService.update(try ticketID(request), accountID: caller.accountID, changes: changes, on: request.db)
        return try ok(try await dto(ticket, on: request.db))
    }

    /// The entries after the description, oldest first, private notes included.
    @Sendable
    func conversations(request: Request) async throws -> Response {
        let ticket = try await ticket(request)
        let page = try PageRequest(from: request)
        let id = try ticket.requireID()
        let entries = try await ConversationService.entries(ticketID: id, includingPrivate: true, page: page, on: request.db)
        let attachments = try await TicketService.attachments(ofEntries: entries.items.compactMap(\.id), on: request.db)
        return try entries.map { ConversationDTO($0, attachments: attachments[$0.id ?? 0] ?? [], attachmentBase: "/api/v2/tickets/\(id)") }
            .response(for: request, pageRequest: page)
    }

    /// A public reply to the requester: `{body}` (HTML) as JSON, or multipart with `attachments[]`.
    @Sendable
    func reply(request: Request) async throws -> Response {
        try await addEntry(request, notePrivacy: nil)
    }

    /// A note: private unless `private` is false.
    @Sendable
    func note(request: Request) async throws -> Response {
        try await addEntry(request, notePrivacy: true)
    }

    /// The n-th attachment's bytes (from 0, over the description's and the conversation's), always as a download.
    @Sendable
    func attachment(request: Request) async throws -> Response {
        let ticket = try await ticket(request)
        guard let position = request.parameters.get("position", as: Int.self),
              let file = try await TicketService.attachment(ticketID: try ticket.requireID(), position: position, on: request.db)
        else { throw AppError(.attachmentNotFound, "The ticket has no attachment with this number (they count from 0).") }
        return .attachmentDownload(file)
    }

    /// The body of a reply or note.
    struct EntryInput: Decodable {
        let body: String?
        let `private`: Bool?
    }

    /// `notePrivacy` nil: a reply; otherwise a note, private by default.
    private func addEntry(_ request: Request, notePrivacy: Bool?) async throws -> Response {
        let caller = try request.apiCaller
        let id = try ticketID(request)
        guard try await TicketService.find(id, accountID: caller.accountID, on: request.db) != nil else { throw AppError.ticketNotFound }
        let form = try await TicketEntryForm.read(request)
        defer { form.discard() }
        let input = try form.json(EntryInput.self, request: request)
            ?? EntryInput(body: form.fields["body"], private: form.fields["private"].map { $0 != "false" && $0 != "0" })
        let body: TicketBody
        do { body = try TicketBody.html(input.body) } catch { throw AppError.validation(["body": error.message]) }
        let isPrivate = notePrivacy == nil ? false : (input.private ?? true)
        let added = try await ConversationService.addAgentEntry(ticketID: id, accountID: caller.accountID, agentID: caller.agentID,
                                                                body: body, isPrivate: isPrivate, attachments: form.files, on: request.db)
        return try created(ConversationDTO(added.entry, attachments: added.attachments, attachmentBase: "/api/v2/tickets/\(id)"))
    }

    /// A multipart ticket's text fields as the JSON body would carry them.
    private static func input(fromForm fields: [String: String]) -> TicketInput {
        var input = TicketInput()
        input.email = fields["email"]
        input.requester_id = fields["requester_id"].map { Int($0) ?? -1 }
        input.name = fields["name"]
        input.subject = fields["subject"]
        input.description = fields["description"]
        input.status = fields["status"].map { Int($0) ?? -1 }
        input.priority = fields["priority"].map { Int($0) ?? -1 }
        input.source = fields["source"].map { Int($0) ?? -1 }
        if let type = fields["type"], !type.isEmpty { input.type = .value(type) }
        if let responder = fields["responder_id"].flatMap({ Int($0) }) { input.responder_id = .value(responder) }
        if let tags = fields["tags"] { input.tags = tags.split(separator: ",").map(String.init) }
        input.custom_fields = TicketEntryForm.customFields(fields)
        return input
    }

    private func dto(_ ticket: Ticket, on db: any Database) async throws -> TicketDTO {
        let id = try ticket.requireID()
        return try TicketDTO(ticket, attachments: try await TicketService.attachments(ofTickets: [id], on: db)[id] ?? [])
    }

    private func ticketID(_ request: Request) throws -> Int {
        try request.id(notFound: .ticketNotFound)
    }

    private func ticket(_ request: Request) async throws -> Ticket {
        let caller = try request.apiCaller
        guard let ticket = try await TicketService.find(try ticketID(request), accountID: caller.accountID, on: request.db)
        else { throw AppError.ticketNotFound }
        return ticket
    }
}
