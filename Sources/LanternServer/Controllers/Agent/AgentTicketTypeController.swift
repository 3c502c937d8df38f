import Vapor

/// `/agent/settings/ticket-types` (admins only; the route group is guarded): the account's ticket types, one per
/// line, as `PUT /api/v2/ticket_fields` sets them (`TicketTypeService`). A refused list comes back as sent, with 422.
struct AgentTicketTypeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("settings", "ticket-types", use: show)
        routes.post("settings", "ticket-types", use: update)
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        let names = try await TicketTypeService.names(accountID: agent.session.accountID, on: request.db)
        return AgentTicketTypesPage(csrf: agent.csrf, types: names.joined(separator: "\n"), flash: AgentPage.notice(request)).render(agent)
    }

    /// `types`: one name per line; blank lines are dropped.
    @Sendable
    func update(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        let form = try await request.collectForm()
        let text = form["types"] ?? ""
        let names = text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).map(String.init)
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        do {
            _ = try await TicketTypeService.replace(accountID: agent.session.accountID, with: names, on: request.db)
            return seeOther("/agent/settings/ticket-types?done=saved")
        } catch let error as AppError where error.code == .validationFailed {
            var page = AgentTicketTypesPage(csrf: agent.csrf, types: text)
            page.errors = error.fields ?? [:]
            return page.render(agent)
        }
    }
}
