import Fluent
import LanternCore
import Vapor

/// `/support/tickets`: the signed-in customer's tickets, one ticket's public conversation with a reply form and
/// "This is solved", its attachments, and the new-ticket form (for anyone, as the portal widget's contact form
/// allows). Replies and new tickets are multipart streams whose CSRF token the handlers check once read. Another
/// customer's ticket is the 404 page; private notes never show.
struct SupportTicketController: RouteCollection {
    static let perPage = 25

    func boot(routes: any RoutesBuilder) throws {
        routes.get("tickets", use: list)
        routes.get("tickets", "new", use: newTicket)
        routes.on(.POST, "tickets", body: .stream, use: create).bodyLimit(TicketEntryForm.maximumBodyBytes)
        routes.get("tickets", ":id", use: show)
        routes.on(.POST, "tickets", ":id", "reply", body: .stream, use: reply).bodyLimit(TicketEntryForm.maximumBodyBytes)
        routes.post("tickets", ":id", "resolve", use: resolve)
        routes.get("tickets", ":id", "attachments", ":position", use: attachment)
    }

    @Sendable
    func list(request: Request) async throws -> Response {
        let context = try request.supportContext
        let contact = try await customerContact(context, on: request)
        let page = PageRequest.portal(request, perPage: Self.perPage)
        let found = try await CustomerTicketService.list(for: contact, page: page, on: request.db)
        let rows = found.items.map { SupportTicketsPage.Row(id: $0.id ?? 0, subject: $0.subject, status: $0.ticketStatus, updatedAt: $0.updatedAt) }
        let view = SupportTicketsPage(frame: context.frame(for: request), rows: rows, page: page.page, hasMore: found.hasMore)
        return context.respond(view.render(), to: request)
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let context = try request.supportContext
        let contact = try await customerContact(context, on: request)
        let ticket = try await find(request, contact: contact)
        var page = try await ticketPage(ticket, context: context, request: request)
        page.flash = switch request.queryText("done") {
        case "replied": "Your reply is sent."
        case "created": "Your ticket is sent. We answer here and by e-mail."
        case "followup": "That ticket was closed, so your reply started this new ticket."
        case "solved": "Thank you: the ticket is marked solved. Reply if you need us again."
        default: nil
        }
        return context.respond(page.render(), to: request)
    }

    /// A reply to the customer's ticket: reopens a pending or resolved one; on a closed one it starts a new ticket.
    @Sendable
    func reply(request: Request) async throws -> Response {
        let context = try request.supportContext
        let contact = try await customerContact(context, on: request)
        let ticket = try await find(request, contact: contact)
        let form = try await TicketEntryForm.read(request)
        defer { form.discard() }
        guard PortalSessionService.csrfMatches(form.fields["csrf_token"], context.csrf) else { throw PortalError.csrf }
        let text = form.fields["body"] ?? ""
        do {
            let body: TicketBody
            do { body = try TicketBody.plainText(text) } catch { throw AppError.validation(["body": error.message]) }
            let added = try await ConversationService.addCustomerReply(ticketID: try ticket.requireID(), accountID: contact.accountID,
                                                                       contact: contact, body: body, source: .portal,
                                                                       attachments: form.files, on: request.db)
            let addedTicketID = try added.ticket.requireID()
            if addedTicketID != ticket.id { return seeOther("/support/tickets/\(addedTicketID)?done=followup") }
            return seeOther("/support/tickets/\(addedTicketID)?done=replied#entry-\(try added.entry.requireID())")
        } catch let error as AppError where error.code == .validationFailed {
            var page = try await ticketPage(ticket, context: context, request: request)
            page.reply = text
            page.error = "Your reply \(error.fields?["body"] ?? error.fields?["attachments"] ?? "was refused")."
            return context.respond(page.render(), to: request, status: .unprocessableEntity)
        } catch let error as AppError where error.code == .ticketNotFound {
            throw PortalError.notFound("ticket")
        }
    }

    /// "This is solved": resolves an open or pending ticket.
    @Sendable
    func resolve(request: Request) async throws -> Response {
        let context = try request.supportContext
        let contact = try await customerContact(context, on: request)
        let form = try await request.collectForm()
        guard PortalSessionService.csrfMatches(form["csrf_token"], context.csrf) else { throw PortalError.csrf }
        do {
            let ticket = try await CustomerTicketService.resolve(try request.portalID("id", "ticket"), for: contact, on: request.db)
            return seeOther("/support/tickets/\(try ticket.requireID())?done=solved")
        } catch let error as AppError where error.code == .ticketNotFound {
            throw PortalError.notFound("ticket")
        }
    }

    /// An attachment of the description or of a public entry, as a download; a private note's does not exist here.
    @Sendable
    func attachment(request: Request) async throws -> Response {
        let context = try request.supportContext
        let contact = try await customerContact(context, on: request)
        let ticket = try await find(request, contact: contact)
        guard let position = request.parameters.get("position", as: Int.self),
              let file = try await CustomerTicketService.publicAttachment(of: ticket, position: position, on: request.db)
        else { throw PortalError.notFound("attachment") }
        return .attachmentDownload(file)
    }

    @Sendable
    func newTicket(request: Request) async throws -> Response {
        let context = try request.supportContext
        let requester = try ContactFormService.requester(context.customer?.contact)
        try await ContactFormService.admit(.init(context.widget), requester: requester, requesterIP: request.clientAddress,
                                           limit: nil, on: request.db)
        request.recordSupportEvent(.contactFormOpened)
        let page = SupportNewTicketPage(frame: context.frame(for: request), customerEmail: context.customer?.contact.email,
                                        fields: try await formFields(context, sent: [:], on: request.db))
        return context.respond(page.render(), to: request)
    }

    /// A new ticket through the portal widget's contact form rules (on, signed-in only, rate limit), source "portal".
    @Sendable
    func create(request: Request) async throws -> Response {
        let context = try request.supportContext
        let settings = request.application.lantern
        let requester = try ContactFormService.requester(context.customer?.contact)
        try await ContactFormService.admit(.init(context.widget), requester: requester, requesterIP: request.clientAddress,
                                           limit: settings.ticketRateLimit, on: request.db)
        let form = try await TicketEntryForm.read(request)
        defer { form.discard() }
        guard !context.newAnonymousCSRF, PortalSessionService.csrfMatches(form.fields["csrf_token"], context.csrf) else {
            throw PortalError.csrf
        }
        let values = SupportNewTicketPage.Values(name: form.fields["name"] ?? "", email: form.fields["email"] ?? "",
                                                 subject: form.fields["subject"] ?? "", description: form.fields["description"] ?? "")
        let draft = TicketDraft(name: values.name, email: values.email, subject: values.subject, description: values.description,
                                honeypot: form.fields[TicketRules.honeypotField])
        do {
            let choices = ContactFormService.Choices(priority: try TicketEntryForm.priorityCode(form.fields["priority"]),
                                                     type: form.fields["type"],
                                                     customFields: TicketEntryForm.customFields(form.fields) ?? [:])
            let ticket = try await ContactFormService.submit(draft, choices: choices, to: .init(context.widget), requester: requester,
                                                             contactID: context.customer?.contact.id, source: .portal,
                                                             requesterIP: request.clientAddress, attachments: form.files,
                                                             limit: settings.ticketRateLimit, on: request.db)
            request.application.metrics.ticketCreated(verified: ticket.verified)
            request.recordSupportEvent(.ticketSent)
            let id = try ticket.requireID()
            guard context.customer != nil else {
                let sent = SupportTicketSentPage(frame: context.frame(for: request), ticketID: id, email: ticket.email)
                return context.respond(sent.render(), to: request, status: .created)
            }
            return seeOther("/support/tickets/\(id)?done=created")
        } catch let error as AppError where error.code == .validationFailed {
            let page = SupportNewTicketPage(frame: context.frame(for: request), customerEmail: context.customer?.contact.email,
                                            values: values, fields: try await formFields(context, sent: form.fields, on: request.db),
                                            errors: error.fields ?? [:])
            return context.respond(page.render(), to: request, status: .unprocessableEntity)
        }
    }

    /// The form's priority and type (when the widget lets customers choose them) and custom fields, filled with
    /// what a refused post `sent`.
    private func formFields(_ context: SupportContext, sent: [String: String], on db: any Database) async throws -> [TicketFieldControl] {
        let widget = context.widget
        var controls: [TicketFieldControl] = []
        if widget.contactFormPriority { controls.append(.priority(value: sent["priority"] ?? "")) }
        if widget.contactFormType {
            controls.append(.type(try await TicketTypeService.names(accountID: widget.accountID, on: db), value: sent["type"] ?? ""))
        }
        for field in try await CustomTicketFieldService.customerFields(accountID: widget.accountID, on: db) {
            controls.append(TicketFieldControl(field, language: context.scope.language, value: sent["custom_fields[\(field.name)]"] ?? "",
                                               requiredForCustomers: true))
        }
        return controls
    }

    /// The contact behind the customer's session; the 401 page for anyone not signed in.
    private func customerContact(_ context: SupportContext, on request: Request) async throws -> Contact {
        let customer = try context.requireCustomer()
        return try await CustomerTicketService.contact(customer.contact.id, accountID: context.widget.accountID, on: request.db)
    }

    /// The customer's ticket of the path, or the 404 page.
    private func find(_ request: Request, contact: Contact) async throws -> Ticket {
        do {
            return try await CustomerTicketService.find(try request.portalID("id", "ticket"), for: contact, on: request.db)
        } catch let error as AppError where error.code == .ticketNotFound {
            throw PortalError.notFound("ticket")
        }
    }

    /// The ticket's page: its public conversation with the agents' names.
    private func ticketPage(_ ticket: Ticket, context: SupportContext, request: Request) async throws -> SupportTicketPage {
        let thread = try await CustomerTicketService.thread(ticket, on: request.db)
        let agentNames = try await AgentService.names(accountID: ticket.accountID, on: request.db)
        let entries = thread.entries.map { entry in
            SupportTicketPage.Entry(id: entry.id ?? 0, fromCustomer: entry.incoming,
                                    authorName: entry.incoming ? ticket.name : entry.agentID.flatMap { agentNames[$0] } ?? "Support team",
                                    body: entry.body, createdAt: entry.createdAt,
                                    attachments: TicketFileList.files(thread.entryAttachments[entry.id ?? 0] ?? []))
        }
        return SupportTicketPage(frame: context.frame(for: request), id: try ticket.requireID(), subject: ticket.subject,
                                 status: ticket.ticketStatus, requesterName: ticket.name, createdAt: ticket.createdAt,
                                 updatedAt: ticket.updatedAt, linkedTicketID: ticket.linkedTicketID,
                                 descriptionHTML: ticket.descriptionHTML, description: ticket.description,
                                 attachments: TicketFileList.files(thread.attachments), entries: entries)
    }
}
