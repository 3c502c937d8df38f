import LanternCore
import Vapor

/// `/agent/settings/ticket-fields` (admins only; the route group is guarded): the account's custom ticket fields,
/// created, changed and deleted with the API's rules (`CustomTicketFieldService`).
struct AgentTicketFieldController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let fields = routes.grouped("settings", "ticket-fields")
        fields.get(use: list)
        fields.post(use: create)
        fields.get(":id", use: edit)
        fields.post(":id", use: update)
        fields.post(":id", "delete", use: delete)
    }

    @Sendable
    func list(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        var page = try await page(agent, form: .init(labels: otherLanguages(agent).map { (language: $0, label: "") }), on: request)
        page.flash = AgentPage.notice(request)
        return page.render(agent)
    }

    @Sendable
    func edit(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        let field = try await find(request)
        var page = try await page(agent, form: Self.form(field, languages: otherLanguages(agent)), on: request)
        page.flash = AgentPage.notice(request)
        return page.render(agent)
    }

    @Sendable
    func create(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        let form = try await request.collectForm()
        let input = input(form, agent)
        do {
            let field = try await CustomTicketFieldService.create(accountID: agent.session.accountID, input,
                                                                  languages: agent.account.supportedLanguages, on: request.db)
            return seeOther("/agent/settings/ticket-fields/\(field.apiID)?done=created")
        } catch let error as AppError where error.code == .validationFailed {
            return try await refused(agent, sent: sentForm(form, agent, editingID: nil), error, on: request)
        }
    }

    @Sendable
    func update(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        let field = try await find(request)
        let form = try await request.collectForm()
        var input = input(form, agent)
        input.name = nil
        input.type = nil
        do {
            try await CustomTicketFieldService.update(field, input, languages: agent.account.supportedLanguages, on: request.db)
            return seeOther("/agent/settings/ticket-fields/\(field.apiID)?done=saved")
        } catch let error as AppError where error.code == .validationFailed {
            var sent = sentForm(form, agent, editingID: field.apiID)
            (sent.name, sent.kind) = (field.name, field.kind)
            return try await refused(agent, sent: sent, error, on: request)
        }
    }

    @Sendable
    func delete(request: Request) async throws -> Response {
        let field = try await find(request)
        try await CustomTicketFieldService.delete(field, on: request.db)
        return seeOther("/agent/settings/ticket-fields?done=deleted")
    }

    private func find(_ request: Request) async throws -> CustomTicketField {
        let agent = try request.signedInAgent
        do {
            return try await CustomTicketFieldService.find(apiID: try request.portalID("id", "ticket field"),
                                                           accountID: agent.session.accountID, on: request.db)
        } catch let error as AppError where error.code == .ticketFieldNotFound {
            throw PortalError.notFound("ticket field")
        }
    }

    private func otherLanguages(_ agent: PortalSessionService.SignedInAgent) -> [String] {
        agent.account.supportedLanguages.filter { $0 != agent.account.defaultLanguage }
    }

    /// The form's fields as the API's input: empty texts are "not given" (a label in another language: removed).
    private func input(_ form: URLEncodedForm, _ agent: PortalSessionService.SignedInAgent) -> CustomTicketFieldInput {
        let text = { (name: String) in form[name].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }
        var labels: [String: String] = [:]
        for language in otherLanguages(agent) { if let label = text("labels[\(language)]") { labels[language] = label } }
        let choices = (form["choices"] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.map(CustomTicketFieldInput.Choice.init)
        let kind = form["type"].flatMap(CustomFieldKind.init(rawValue:))
        return CustomTicketFieldInput(
            name: text("name"), label: form["label"] ?? "", labels: labels, type: form["type"],
            required_for_customers: form.checked("required_for_customers"), customers_can_edit: form.checked("customers_can_edit"),
            choices: kind == nil || kind == .dropdown || !choices.isEmpty ? choices : nil,
            position: text("position").map { Int($0) ?? -1 })
    }

    private func sentForm(_ form: URLEncodedForm, _ agent: PortalSessionService.SignedInAgent, editingID: Int?) -> AgentTicketFieldsPage.Form {
        AgentTicketFieldsPage.Form(
            editingID: editingID, name: form["name"] ?? "", label: form["label"] ?? "", kind: form["type"] ?? "text",
            labels: otherLanguages(agent).map { (language: $0, label: form["labels[\($0)]"] ?? "") },
            requiredForCustomers: form.checked("required_for_customers"), customersCanEdit: form.checked("customers_can_edit"),
            choices: form["choices"] ?? "", position: form["position"] ?? "")
    }

    private static func form(_ field: CustomTicketField, languages: [String]) -> AgentTicketFieldsPage.Form {
        AgentTicketFieldsPage.Form(
            editingID: field.apiID, name: field.name, label: field.label, kind: field.kind,
            labels: languages.map { (language: $0, label: field.labels[$0] ?? "") }, requiredForCustomers: field.requiredForCustomers,
            customersCanEdit: field.customersCanEdit, choices: field.choices.joined(separator: "\n"), position: String(field.position))
    }

    private func refused(_ agent: PortalSessionService.SignedInAgent, sent: AgentTicketFieldsPage.Form, _ error: AppError,
                         on request: Request) async throws -> Response {
        var page = try await page(agent, form: sent, on: request)
        page.errors = error.fields ?? [:]
        return page.render(agent)
    }

    private func page(_ agent: PortalSessionService.SignedInAgent, form: AgentTicketFieldsPage.Form,
                      on request: Request) async throws -> AgentTicketFieldsPage {
        let fields = try await CustomTicketFieldService.all(accountID: agent.session.accountID, on: request.db)
        return AgentTicketFieldsPage(csrf: agent.csrf, rows: fields.map {
            .init(id: $0.apiID, name: $0.name, label: $0.label, kind: AgentTicketFieldsPage.kindLabel($0.fieldKind),
                  requiredForCustomers: $0.requiredForCustomers, customersCanEdit: $0.customersCanEdit)
        }, form: form)
    }
}
