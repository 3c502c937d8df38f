import Fluent
import LanternCore
import Vapor

/// `/agent/companies`: the company list with its search and the new-company form, and each company's form (name,
/// domains) with its contacts. The rules are `CompanyService`'s, as for the JSON API; a refused form comes back
/// filled in with a 422.
struct AgentCompanyController: RouteCollection {
    static let perPage = 50

    func boot(routes: any RoutesBuilder) throws {
        routes.get("companies", use: list)
        routes.post("companies", use: create)
        routes.get("companies", ":id", use: show)
        routes.post("companies", ":id", use: update)
    }

    /// `q` searches names.
    @Sendable
    func list(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        var page = try await companiesPage(request, agent)
        page.flash = AgentPage.notice(request)
        return page.render(agent)
    }

    @Sendable
    func create(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        let form = try await request.collectForm()
        do {
            let company = try await CompanyService.create(accountID: agent.session.accountID, input(form), on: request.db)
            return seeOther("/agent/companies/\(try company.requireID())?done=created")
        } catch let error as AppError where error.code == .validationFailed {
            var page = try await companiesPage(request, agent)
            (page.newName, page.newDomains, page.errors) = (form["name"] ?? "", form["domains"] ?? "", error.fields ?? [:])
            return page.render(agent)
        }
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let (agent, company) = try await load(request)
        var page = try await companyPage(agent, company, on: request.db)
        page.flash = AgentPage.notice(request)
        return page.render(agent)
    }

    @Sendable
    func update(request: Request) async throws -> Response {
        let (agent, company) = try await load(request)
        let form = try await request.collectForm()
        do {
            try await CompanyService.update(company, input(form), nameRequired: true, on: request.db)
            return seeOther("/agent/companies/\(try company.requireID())?done=saved")
        } catch let error as AppError where error.code == .validationFailed {
            var page = try await companyPage(agent, company, form: form, on: request.db)
            page.errors = error.fields ?? [:]
            return page.render(agent)
        }
    }

    /// The form's name and its domains, one per line (or separated by commas).
    private func input(_ form: URLEncodedForm) -> CompanyInput {
        CompanyInput(name: form["name"], domains: form.list("domains"))
    }

    private func load(_ request: Request) async throws -> (PortalSessionService.SignedInAgent, Company) {
        let agent = try request.signedInAgent
        guard let company = try await CompanyService.find(try request.portalID("id", "company"), accountID: agent.session.accountID,
                                                          on: request.db)
        else { throw PortalError.notFound("company") }
        return (agent, company)
    }

    private func companiesPage(_ request: Request, _ agent: PortalSessionService.SignedInAgent) async throws -> AgentCompaniesPage {
        let term = String((request.queryText("q") ?? "").trimmingCharacters(in: .whitespaces).prefix(200))
        let page = PageRequest.portal(request, perPage: Self.perPage)
        let found = try await CompanyService.search(accountID: agent.session.accountID, term: term, page: page, on: request.db)
        return AgentCompaniesPage(term: term, rows: found.items.map { .init(id: $0.id, name: $0.name, contactCount: $0.contactCount) },
                                  page: page.page, hasMore: found.hasMore, csrf: agent.csrf)
    }

    /// The company's page, its fields filled from `form` when one came back refused.
    private func companyPage(_ agent: PortalSessionService.SignedInAgent, _ company: Company, form: URLEncodedForm? = nil,
                             on db: any Database) async throws -> AgentCompanyPage {
        let companyID = try company.requireID()
        let members = try await CompanyService.members(of: companyID, on: db)
        return AgentCompanyPage(
            id: companyID, companyName: company.name, csrf: agent.csrf,
            name: form?["name"] ?? company.name, domains: form?["domains"] ?? company.domains.joined(separator: "\n"),
            members: members.map { .init(id: $0.id, name: $0.name, email: $0.email) })
    }
}
