import Fluent
import LanternCore
import Vapor

/// `/agent/contacts`: the contact list with its search, and each contact's form (name, e-mail, preferred language,
/// companies). The rules are `ContactService`'s, as for the JSON API; a refused form comes back filled in with a 422.
struct AgentContactController: RouteCollection {
    static let perPage = 50

    func boot(routes: any RoutesBuilder) throws {
        routes.get("contacts", use: list)
        routes.get("contacts", ":id", use: show)
        routes.post("contacts", ":id", use: update)
    }

    /// `q` searches names and e-mail addresses.
    @Sendable
    func list(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        let term = String((request.queryText("q") ?? "").trimmingCharacters(in: .whitespaces).prefix(200))
        let page = PageRequest.portal(request, perPage: Self.perPage)
        let found = try await ContactService.search(accountID: agent.session.accountID, term: term, page: page, on: request.db)
        return AgentContactsPage(term: term, rows: found.items.map { .init(id: $0.id, name: $0.name, email: $0.email, language: $0.language) },
                                 page: page.page, hasMore: found.hasMore).render(agent)
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let (agent, contact) = try await load(request)
        var page = try await contactPage(agent, contact, on: request.db)
        page.flash = AgentPage.notice(request)
        return page.render(agent)
    }

    /// The form sends every field: an empty language clears it, no ticked company leaves none.
    @Sendable
    func update(request: Request) async throws -> Response {
        let (agent, contact) = try await load(request)
        let form = try await request.collectForm()
        var problems = FieldErrors()
        let companyIDs = form.integers("company_ids")
        if companyIDs == nil { problems.add("company_ids", "must be companies of this account") }
        let language: NullableField<String> = form["language"].map { $0.isEmpty ? .null : .value($0) } ?? .null
        let input = ContactInput(name: form["name"], email: form["email"], language: language, company_ids: companyIDs)
        do {
            try await ContactService.update(contact, input, nameAndEmailRequired: true, problems: problems,
                                            languages: agent.account.supportedLanguages, on: request.db)
            return seeOther("/agent/contacts/\(try contact.requireID())?done=saved")
        } catch let error as AppError where error.code == .validationFailed {
            var page = try await contactPage(agent, contact, form: form, on: request.db)
            page.errors = error.fields ?? [:]
            return page.render(agent)
        }
    }

    private func load(_ request: Request) async throws -> (PortalSessionService.SignedInAgent, Contact) {
        let agent = try request.signedInAgent
        guard let contact = try await ContactService.find(try request.portalID("id", "contact"), accountID: agent.session.accountID,
                                                          on: request.db)
        else { throw PortalError.notFound("contact") }
        return (agent, contact)
    }

    /// The contact's page, its fields filled from `form` when one came back refused.
    private func contactPage(_ agent: PortalSessionService.SignedInAgent, _ contact: Contact, form: URLEncodedForm? = nil,
                             on db: any Database) async throws -> AgentContactPage {
        let contactID = try contact.requireID()
        let stored = try await ContactService.companyIDs(of: [contactID], on: db)[contactID] ?? []
        let memberships = Set(form?.integers("company_ids") ?? stored)
        let companies = try await CompanyService.allByName(accountID: agent.session.accountID, on: db)
        return AgentContactPage(
            id: contactID, contactName: contact.name, csrf: agent.csrf,
            name: form?["name"] ?? contact.name, email: form?["email"] ?? contact.email,
            language: form?["language"] ?? contact.language ?? "", languages: agent.account.supportedLanguages,
            companies: companies.map { .init(id: $0.id ?? 0, name: $0.name, isMember: memberships.contains($0.id ?? 0)) })
    }
}
