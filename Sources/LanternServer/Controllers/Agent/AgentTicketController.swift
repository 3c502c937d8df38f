import Fluent
import LanternCore
import Vapor

/// `/agent/tickets`: the ticket list (by status, priority, assignee, verified requester, widget, e-mail; with counts
/// per status), one ticket with its whole conversation, its attachments as downloads, the properties form, and the
/// reply and private-note forms (multipart, mounted with `bootEntryForms`). Rules are the services', as for the API.
struct AgentTicketController: RouteCollection {
    static let perPage = 50
    /// How many of the requester's other tickets the ticket page lists.
    static let otherTicketsShown = 10

    func boot(routes: any RoutesBuilder) throws {
        routes.get("tickets", use: list)
        routes.get("tickets", ":id", use: show)
        routes.get("tickets", ":id", "attachments", ":position", use: attachment)
        routes.get("tickets", ":id", "mail", ":mail", use: originalMail)
        routes.post("tickets", ":id", "properties", use: updateProperties)
    }

    /// Mounted behind `AgentEntryFormSessionMiddleware`: the bodies are multipart streams with files, so each handler
    /// checks the CSRF token among the form's fields once it has read them.
    static func bootEntryForms(_ routes: any RoutesBuilder) {
        let controller = AgentTicketController()
        routes.on(.POST, "tickets", ":id", "reply", body: .stream, use: controller.reply).bodyLimit(TicketEntryForm.maximumBodyBytes)
        routes.on(.POST, "tickets", ":id", "notes", body: .stream, use: controller.note).bodyLimit(TicketEntryForm.maximumBodyBytes)
    }

    /// `status` and `priority` (codes), `assignee` (`me`, `unassigned`), `verified` (`yes`, `no`), `widget` (an id)
    /// and `email` filter the list; a value that means nothing is ignored. Latest activity first.
    @Sendable
    func list(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        let accountID = agent.session.accountID
        var filters = AgentTicketsPage.Filters()
        var filter = TicketFilter(order: .updatedAt)
        if let status = request.queryInt("status").flatMap(TicketStatus.init(rawValue:)) {
            filter.status = status
            filters.status = String(status.rawValue)
        }
        if let priority = request.queryInt("priority").flatMap(TicketPriority.init(rawValue:)) {
            filter.priority = priority
            filters.priority = String(priority.rawValue)
        }
        switch request.queryText("assignee") {
        case "me":
            filter.assignee = .agent(try agent.agent.requireID())
            filters.assignee = "me"
        case "unassigned":
            filter.assignee = .unassigned
            filters.assignee = "unassigned"
        default: break
        }
        switch request.queryText("verified") {
        case "yes": (filter.verified, filters.verified) = (true, "yes")
        case "no": (filter.verified, filters.verified) = (false, "no")
        default: break
        }
        if let widgetID = request.queryInt("widget") {
            filter.widgetID = widgetID
            filters.widget = String(widgetID)
        }
        let email = String((request.queryText("email") ?? "").trimmingCharacters(in: .whitespaces).prefix(254))
        if !email.isEmpty {
            filter.email = EmailAddress.normalized(email) ?? email
            filters.email = email
        }
        let page = PageRequest.portal(request, perPage: Self.perPage)
        let found = try await TicketService.list(accountID: accountID, filter: filter, page: page, on: request.db)
        let counts = try await TicketService.countsByStatus(accountID: accountID, filter: filter, on: request.db)
        let attachments = try await TicketService.attachments(ofTickets: found.items.compactMap(\.id), on: request.db)
        let widgets = try await WidgetService.all(accountID: accountID, on: request.db)
        let widgetNames = Dictionary(uniqueKeysWithValues: widgets.compactMap { widget in widget.id.map { ($0, widget.name) } })
        let agentNames = AgentService.names(try await AgentService.all(accountID: accountID, on: request.db))
        let rows = found.items.map { ticket in
            AgentTicketsPage.Row(id: ticket.id ?? 0, subject: ticket.subject, attachmentCount: attachments[ticket.id ?? 0]?.count ?? 0,
                                 name: ticket.name, email: ticket.email, verified: ticket.verified,
                                 widgetName: ticket.widgetID.flatMap { widgetNames[$0] }, status: ticket.ticketStatus,
                                 priority: TicketPriority(rawValue: ticket.priority) ?? .medium,
                                 assigneeName: ticket.responderID.map { agentNames[$0] ?? "Agent #\($0)" }, updatedAt: ticket.updatedAt)
        }
        return AgentTicketsPage(filters: filters, counts: counts, widgets: widgets.map { .init(id: $0.id ?? 0, name: $0.name) },
                                rows: rows, page: page.page, hasMore: found.hasMore).render(agent)
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let (agent, ticket) = try await load(request)
        var page = try await ticketPage(agent, ticket, on: request.db)
        page.flash = AgentPage.notice(request)
        return page.render(agent)
    }

    /// The n-th attachment's bytes (from 0, over the description's and the conversation's), always as a download,
    /// with the API's headers.
    @Sendable
    func attachment(request: Request) async throws -> Response {
        let (_, ticket) = try await load(request)
        guard let position = request.parameters.get("position", as: Int.self),
              let file = try await TicketService.attachment(ticketID: try ticket.requireID(), position: position, on: request.db)
        else { throw PortalError.notFound("attachment") }
        return .attachmentDownload(file)
    }

    /// A received message of this ticket as it arrived (`message/rfc822`, to download).
    @Sendable
    func originalMail(request: Request) async throws -> Response {
        let (agent, ticket) = try await load(request)
        guard let mailID = request.parameters.get("mail", as: Int.self),
              let mail = try? await MailIntake.original(mailID, accountID: agent.session.accountID, on: request.db),
              mail.ticketID == ticket.id else { throw PortalError.notFound("message") }
        return .originalMail(mail)
    }

    /// The form sends every property: an empty type or assignee clears it. A type or assignee left as the ticket has
    /// it is not checked again (a type since removed from the account's list stays until changed).
    @Sendable
    func updateProperties(request: Request) async throws -> Response {
        let (agent, ticket) = try await load(request)
        let form = try await request.collectForm()
        let sent = AgentTicketPage.Properties(status: form["status"] ?? "", priority: form["priority"] ?? "",
                                              type: form["type"] ?? "", assignee: form["responder_id"] ?? "")
        var changes = TicketChanges()
        var errors: [String: String] = [:]
        if let status = Int(sent.status).flatMap(TicketStatus.init(rawValue:)) { changes.status = status } else {
            errors["status"] = TicketStatus.choicesMessage
        }
        if let priority = Int(sent.priority).flatMap(TicketPriority.init(rawValue:)) { changes.priority = priority } else {
            errors["priority"] = TicketPriority.choicesMessage
        }
        if sent.type != (ticket.type ?? "") { changes.type = sent.type.isEmpty ? .null : .value(sent.type) }
        let fields = try await CustomTicketFieldService.all(accountID: agent.session.accountID, on: request.db)
        var sentFields: [String: String] = [:]
        for field in fields {
            // An unticked box sends nothing: false.
            sentFields[field.name] = form["custom_fields[\(field.name)]"] ?? (field.fieldKind == .checkbox ? "false" : "")
        }
        let stored = ticket.customFields
        let changedFields = sentFields.filter { $0.value != (stored[$0.key]?.text ?? (fieldsKind(fields, $0.key) == .checkbox ? "false" : "")) }
        if !changedFields.isEmpty { changes.customFields = changedFields.mapValues { .text($0) } }
        if sent.assignee != (ticket.responderID.map(String.init) ?? "") {
            if sent.assignee.isEmpty { changes.responderID = .null } else if let id = Int(sent.assignee) { changes.responderID = .value(id) } else {
                errors["responder_id"] = "must be an agent of the account"
            }
        }
        do {
            if !errors.isEmpty { throw AppError.validation(errors) }
            _ = try await TicketService.update(try ticket.requireID(), accountID: agent.session.accountID, changes: changes, on: request.db)
            return seeOther("/agent/tickets/\(try ticket.requireID())?done=saved")
        } catch let error as AppError where error.code == .validationFailed {
            var page = try await ticketPage(agent, ticket, on: request.db)
            page.properties = sent
            page.customFields = Self.controls(fields, values: sentFields)
            page.errors = error.fields ?? [:]
            page.failedForm = .properties
            return page.render(agent)
        } catch let error as AppError where error.code == .ticketNotFound {
            throw PortalError.notFound("ticket")
        }
    }

    /// A public reply: the requester sees it; an open ticket becomes pending.
    @Sendable
    func reply(request: Request) async throws -> Response {
        try await addEntry(request, as: .reply)
    }

    /// A private note: agents only; the status stays.
    @Sendable
    func note(request: Request) async throws -> Response {
        try await addEntry(request, as: .note)
    }

    /// Reads the multipart form (spooling its files), checks its CSRF token, and adds the typed text as plain text.
    private func addEntry(_ request: Request, as kind: AgentTicketPage.Form) async throws -> Response {
        let (agent, ticket) = try await load(request)
        let form = try await TicketEntryForm.read(request)
        defer { form.discard() }
        guard PortalSessionService.csrfMatches(form.fields["csrf_token"], agent.csrf) else { throw PortalError.csrf }
        let ticketID = try ticket.requireID()
        let text = form.fields["body"] ?? ""
        do {
            let body: TicketBody
            do { body = try TicketBody.plainText(text) } catch { throw AppError.validation(["body": error.message]) }
            let added = try await ConversationService.addAgentEntry(ticketID: ticketID, accountID: agent.session.accountID,
                                                                    agentID: try agent.agent.requireID(), body: body,
                                                                    isPrivate: kind == .note, attachments: form.files, on: request.db)
            return seeOther("/agent/tickets/\(ticketID)?done=\(kind == .note ? "noted" : "replied")#entry-\(try added.entry.requireID())")
        } catch let error as AppError where error.code == .validationFailed {
            var page = try await ticketPage(agent, ticket, on: request.db)
            if kind == .note { page.note = text } else { page.reply = text }
            page.errors = error.fields ?? [:]
            page.failedForm = kind
            return page.render(agent)
        } catch let error as AppError where error.code == .ticketNotFound {
            throw PortalError.notFound("ticket")
        }
    }

    /// The signed-in agent and the ticket of the path in their account, or the 404 page.
    private func load(_ request: Request) async throws -> (PortalSessionService.SignedInAgent, Ticket) {
        let agent = try request.signedInAgent
        guard let ticket = try await TicketService.find(try request.portalID("id", "ticket"), accountID: agent.session.accountID,
                                                        on: request.db)
        else { throw PortalError.notFound("ticket") }
        return (agent, ticket)
    }

    /// The ticket's page as stored: its whole conversation (private notes included) with the authors' names, the
    /// account's types and agents for the properties form, and the requester's other tickets.
    private func ticketPage(_ agent: PortalSessionService.SignedInAgent, _ ticket: Ticket, on db: any Database) async throws -> AgentTicketPage {
        let accountID = agent.session.accountID
        let ticketID = try ticket.requireID()
        let thread = try await TicketThread.load(ticket, includingPrivate: true, on: db)
        var widget: Widget? = nil
        if let widgetID = ticket.widgetID { widget = try await WidgetService.find(widgetID, accountID: accountID, on: db) }
        let agents = try await AgentService.all(accountID: accountID, on: db)
        let agentNames = AgentService.names(agents)
        let contactNames = try await ContactService.names(of: Set(thread.entries.compactMap(\.contactID)), accountID: accountID, on: db)
        var types = try await TicketTypeService.names(accountID: accountID, on: db)
        if let type = ticket.type, !types.contains(type) { types.append(type) }
        let others = try await TicketService.list(accountID: accountID, filter: TicketFilter(email: ticket.email, order: .updatedAt),
                                                  page: PageRequest(page: 1, perPage: Self.otherTicketsShown + 1), on: db)
        let originals = try await MailIntake.originals(ofTicket: ticketID, on: db)
        let entries = thread.entries.map { entry in
            let kind: AgentTicketPage.Entry.Kind = entry.isPrivate ? .privateNote : entry.incoming ? .customerReply : .reply
            let author = entry.incoming
                ? entry.contactID.flatMap { contactNames[$0] } ?? ticket.name
                : entry.agentID.map { agentNames[$0] ?? "Agent #\($0)" } ?? "An agent"
            return AgentTicketPage.Entry(id: entry.id ?? 0, kind: kind, authorName: author, body: entry.body, createdAt: entry.createdAt,
                                         attachments: TicketFileList.files(thread.entryAttachments[entry.id ?? 0] ?? []),
                                         originalMailID: entry.id.flatMap { originals.byEntry[$0] })
        }
        return AgentTicketPage(
            id: ticketID, subject: ticket.subject, name: ticket.name, email: ticket.email, contactID: ticket.contactID,
            verified: ticket.verified, status: ticket.ticketStatus, createdAt: ticket.createdAt, updatedAt: ticket.updatedAt,
            widgetName: widget?.name, source: TicketSource(rawValue: ticket.source), linkedTicketID: ticket.linkedTicketID,
            descriptionHTML: ticket.descriptionHTML, description: ticket.description, attachments: TicketFileList.files(thread.attachments),
            originalMailID: originals.ticket, entries: entries, csrf: agent.csrf,
            properties: .init(status: String(ticket.status), priority: String(ticket.priority), type: ticket.type ?? "",
                              assignee: ticket.responderID.map(String.init) ?? ""),
            types: types, agents: agents.compactMap { agent in agent.id.map { .init(value: String($0), label: agent.name) } },
            otherTickets: others.items.filter { $0.id != ticketID }.prefix(Self.otherTicketsShown).map {
                .init(id: $0.id ?? 0, subject: $0.subject, status: $0.ticketStatus, updatedAt: $0.updatedAt)
            },
            customFields: Self.controls(try await CustomTicketFieldService.all(accountID: accountID, on: db),
                                        values: ticket.customFields.mapValues(\.text)))
    }

    /// The custom fields' controls with these values (agents may leave any empty).
    private static func controls(_ fields: [CustomTicketField], values: [String: String]) -> [TicketFieldControl] {
        fields.map { TicketFieldControl($0, language: nil, value: values[$0.name] ?? "", requiredForCustomers: false) }
    }

    private func fieldsKind(_ fields: [CustomTicketField], _ name: String) -> CustomFieldKind? {
        fields.first { $0.name == name }?.fieldKind
    }
}
