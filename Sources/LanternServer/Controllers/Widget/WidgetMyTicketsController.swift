import LanternCore
import Vapor

/// "Your tickets" in the widget: the signed-in customer's tickets, one ticket's public conversation, a reply, and
/// the attachments of that public conversation. The widget session is the Bearer; anonymous callers get 401
/// `login_required`, anyone else's ticket is 404 `ticket_not_found`. Private notes never leave through here.
struct WidgetMyTicketsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let tickets = routes.grouped("widget", "v1", "widgets", ":widget_id").grouped(WidgetContextMiddleware.caller)
            .grouped("tickets")
        tickets.get(use: list)
        tickets.get(":id", use: show)
        tickets.on(.POST, ":id", "reply", body: .stream, use: reply).bodyLimit(TicketEntryForm.maximumBodyBytes)
        tickets.get(":id", "attachments", ":position", use: attachment)
    }

    /// One ticket of the list.
    struct SummaryDTO: Content {
        let id: Int
        let subject: String
        let status: Int
        let status_label: String
        let created_at: Date?
        let updated_at: Date?

        init(_ ticket: Ticket) throws {
            id = try ticket.requireID()
            subject = ticket.subject
            status = ticket.status
            status_label = ticket.ticketStatus.label
            created_at = ticket.createdAt
            updated_at = ticket.updatedAt
        }
    }

    /// A ticket with its public conversation.
    struct DetailDTO: Content {
        let id: Int
        let subject: String
        let status: Int
        let status_label: String
        let created_at: Date?
        let updated_at: Date?
        let description: String
        let description_text: String
        let attachments: [TicketDTO.Attachment]
        let conversations: [ConversationDTO]
    }

    struct ReplyInput: Decodable {
        let body: String?
    }

    @Sendable
    func list(request: Request) async throws -> Response {
        let contact = try await Self.contact(request)
        let page = try PageRequest(from: request)
        let response = try await CustomerTicketService.list(for: contact, page: page, on: request.db)
            .map { try SummaryDTO($0) }
            .response(for: request, pageRequest: page)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let contact = try await Self.contact(request)
        let ticket = try await CustomerTicketService.find(try Self.ticketID(request), for: contact, on: request.db)
        let thread = try await CustomerTicketService.thread(ticket, on: request.db)
        let base = try Self.attachmentBase(request, ticket: ticket)
        let dto = DetailDTO(id: try ticket.requireID(), subject: ticket.subject, status: ticket.status,
                            status_label: ticket.ticketStatus.label, created_at: ticket.createdAt, updated_at: ticket.updatedAt,
                            description: ticket.descriptionHTML ?? TicketBody(plainText: ticket.description).html,
                            description_text: ticket.description,
                            attachments: thread.attachments.map { TicketDTO.Attachment($0, under: base) },
                            conversations: thread.entries.map {
                                ConversationDTO($0, attachments: thread.entryAttachments[$0.id ?? 0] ?? [], attachmentBase: base)
                            })
        let response = Response(status: .ok)
        try response.content.encode(dto, using: JSONEncoder.lantern)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    @Sendable
    func reply(request: Request) async throws -> Response {
        let contact = try await Self.contact(request)
        let ticket = try await CustomerTicketService.find(try Self.ticketID(request), for: contact, on: request.db)
        let form = try await TicketEntryForm.read(request)
        defer { form.discard() }
        let input = try form.json(ReplyInput.self, request: request) ?? ReplyInput(body: form.fields["body"])
        let body: TicketBody
        do { body = try TicketBody.plainText(input.body) } catch { throw AppError.validation(["body": error.message]) }
        let added = try await ConversationService.addCustomerReply(ticketID: try ticket.requireID(), accountID: contact.accountID,
                                                                   contact: contact, body: body,
                                                                   source: .feedbackWidget, attachments: form.files, on: request.db)
        let base = try Self.attachmentBase(request, ticket: added.ticket)
        return try created(ConversationDTO(added.entry, attachments: added.attachments, attachmentBase: base))
    }

    /// An attachment of the description or of a public entry; a private note's is `attachment_not_found`.
    @Sendable
    func attachment(request: Request) async throws -> Response {
        let contact = try await Self.contact(request)
        let ticket = try await CustomerTicketService.find(try Self.ticketID(request), for: contact, on: request.db)
        guard let position = request.parameters.get("position", as: Int.self),
              let file = try await CustomerTicketService.publicAttachment(of: ticket, position: position, on: request.db)
        else { throw AppError(.attachmentNotFound, "The ticket has no attachment with this number (they count from 0).") }
        return .attachmentDownload(file)
    }

    /// The signed-in customer, or 401 `login_required`.
    private static func contact(_ request: Request) async throws -> Contact {
        let context = try request.widgetContext
        guard let signedIn = context.signedIn else { throw AppError(.loginRequired, "Sign in to see your tickets.") }
        return try await CustomerTicketService.contact(signedIn.contact.id, accountID: context.widget.accountID, on: request.db)
    }

    private static func ticketID(_ request: Request) throws -> Int {
        guard let id = request.parameters.get("id", as: Int.self) else { throw AppError.ticketNotFound }
        return id
    }

    /// Where the widget downloads this ticket's attachments.
    private static func attachmentBase(_ request: Request, ticket: Ticket) throws -> String {
        let widgetID = request.parameters.get("widget_id") ?? ""
        return "/widget/v1/widgets/\(widgetID)/tickets/\(try ticket.requireID())"
    }
}
