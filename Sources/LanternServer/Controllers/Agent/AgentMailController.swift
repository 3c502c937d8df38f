import LanternCore
import Vapor

/// `/agent/settings/mail` (admins only; the route group is guarded): the account's mail settings, as
/// `PUT /api/v2/settings/mail` changes them, and the outbox's failed messages with a retry button each.
struct AgentMailController: RouteCollection {
    /// The checkboxes' labels, in the order shown.
    static let labels: [(MailNotice.Kind, String)] = [
        (.requesterTicketCreated, "Acknowledge each new ticket to its requester"),
        (.requesterAgentReply, "Send agents' public replies to the requester"),
        (.agentsTicketCreated, "Tell agents about new tickets (the assignee, or every agent while unassigned)"),
        (.agentsCustomerReply, "Tell agents about customers' replies (the assignee, or every agent while unassigned)"),
    ]

    func boot(routes: any RoutesBuilder) throws {
        routes.get("settings", "mail", use: show)
        routes.post("settings", "mail", use: update)
        routes.post("settings", "mail", "outbox", ":id", "retry", use: retry)
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        let settings = try await MailSettingsService.show(accountID: agent.session.accountID, on: request.db)
        var page = try await Self.page(agent: agent, request: request, fromName: settings.fromName ?? "",
                                       supportAddress: settings.supportAddress ?? "", on: { settings[$0] })
        page.flash = AgentPage.notice(request)
        return page.render(agent)
    }

    /// `from_name`, `support_address` (blank: back to the default) and the checked `notifications`.
    @Sendable
    func update(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        let form = try await request.collectForm()
        let fromName = (form["from_name"] ?? "").trimmingCharacters(in: .whitespaces)
        let supportAddress = (form["support_address"] ?? "").trimmingCharacters(in: .whitespaces)
        let checked = Set(form.list("notifications"))
        let input = MailSettingsInput(fromName: fromName.isEmpty ? .null : .value(fromName),
                                      supportAddress: supportAddress.isEmpty ? .null : .value(supportAddress),
                                      notifications: Dictionary(uniqueKeysWithValues: MailNotice.Kind.allCases.map { ($0, checked.contains($0.rawValue)) }))
        do {
            _ = try await MailSettingsService.update(accountID: agent.session.accountID, input, on: request.db)
            return seeOther("/agent/settings/mail?done=saved")
        } catch let error as AppError where error.code == .validationFailed {
            var page = try await Self.page(agent: agent, request: request, fromName: fromName, supportAddress: supportAddress,
                                           on: { checked.contains($0.rawValue) })
            page.errors = error.fields ?? [:]
            return page.render(agent)
        }
    }

    @Sendable
    func retry(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        guard let id = request.parameters.get("id", as: Int.self) else {
            throw PortalError(status: .notFound, title: "Not found", message: "There is no such message.")
        }
        do {
            _ = try await MailOutbox.retry(id, accountID: agent.session.accountID, on: request.db)
        } catch let error as AppError where error.code == .mailNotFound || error.code == .validationFailed {
            throw PortalError(status: error.status, title: "Not retried", message: error.message)
        }
        return seeOther("/agent/settings/mail?done=retried")
    }

    private static func page(agent: PortalSessionService.SignedInAgent, request: Request, fromName: String, supportAddress: String,
                             on isOn: (MailNotice.Kind) -> Bool) async throws -> AgentMailPage {
        let accountID = agent.session.accountID
        let counts = try await MailOutbox.counts(accountID: accountID, on: request.db)
        let failed = try await MailOutbox.list(accountID: accountID, status: .failed, page: PageRequest(page: 1, perPage: 50), on: request.db)
        let settings = request.application.lantern
        return AgentMailPage(
            csrf: agent.csrf, smtp: settings.smtpURL?.description, defaultAddress: settings.mailFrom?.address,
            fromName: fromName, supportAddress: supportAddress,
            notifications: labels.map { ($0.0.rawValue, $0.1, isOn($0.0)) },
            counts: (counts[.pending] ?? 0, counts[.sent] ?? 0, counts[.failed] ?? 0),
            failed: try failed.items.map { row in
                AgentMailPage.Failed(id: try row.requireID(), ticketID: row.ticketID, to: row.recipient, kind: row.kind,
                                     attempts: row.attempts, lastError: row.lastError ?? "", createdAt: row.createdAt)
            })
    }
}
