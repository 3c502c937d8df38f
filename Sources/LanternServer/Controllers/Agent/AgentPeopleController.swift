import Fluent
import LanternCore
import Vapor

/// Contacts and companies: list, search, edit (a contact's preferred language and companies; a company's
/// domains). Validation is the JSON API's (`ContactController`, `CompanyController`).
struct AgentPeopleController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("contacts", use: contacts)
        routes.get("contacts", ":id", use: contact)
        routes.post("contacts", ":id", use: updateContact)
        routes.get("companies", use: companies)
        routes.post("companies", use: createCompany)
        routes.get("companies", ":id", use: company)
        routes.post("companies", ":id", use: updateCompany)
    }

    static let perPage = 50

    /// `LIKE` pattern for a search term, its wildcards taken literally.
    static func likePattern(_ term: String) -> String {
        let escaped = term.lowercased().replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
        return "%" + escaped + "%"
    }

    static func pager(_ base: String, term: String, page: Int, hasMore: Bool) -> HTML {
        let q = term.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        var links: [HTML] = []
        if page > 1 { links.append("<a href=\"\(base)?q=\(q)&page=\(page - 1)\">Previous</a>") }
        if hasMore { links.append("<a href=\"\(base)?q=\(q)&page=\(page + 1)\">Next</a>") }
        return links.isEmpty ? .empty : "<p class=\"actions\">\(links)</p>"
    }

    static func searchForm(_ action: String, label: String, term: String) -> HTML {
        """
        <form method="get" action="\(action)" class="search" role="search">
        \(PortalLayout.field(label, name: "q", value: term, type: "search"))
        <button type="submit">Search</button></form>
        """
    }

    // MARK: Contacts

    @Sendable
    func contacts(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        let term = String((request.queryText("q") ?? "").trimmingCharacters(in: .whitespaces).prefix(200))
        let page = max(1, min(request.queryInt("page") ?? 1, 10_000))
        let pattern = Self.likePattern(term)
        let rows = try await request.db.sql.raw("""
            SELECT id, name, email, language FROM contacts WHERE account_id = \(bind: agent.session.accountID)
            AND (LOWER(name) LIKE \(bind: pattern) ESCAPE '\\' OR email LIKE \(bind: pattern) ESCAPE '\\')
            ORDER BY name, id LIMIT \(literal: Self.perPage + 1) OFFSET \(literal: (page - 1) * Self.perPage)
            """).all()
        let body: HTML = try rows.prefix(Self.perPage).html { row in
            """
            <tr><td><a href="/agent/contacts/\(try row.decode(column: "id", as: Int.self))">\(try row.decode(column: "name", as: String.self))</a></td>
            <td>\(try row.decode(column: "email", as: String.self))</td><td>\(try row.decode(column: "language", as: String?.self) ?? "—")</td></tr>
            """
        }
        let content: HTML = """
            <h1>Contacts</h1>
            \(Self.searchForm("/agent/contacts", label: "Search by name or e-mail", term: term))
            \(rows.isEmpty ? HTML("<p>No contacts found.</p>") : "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">E-mail</th><th scope=\"col\">Language</th></tr></thead><tbody>\(body)</tbody></table></div>")
            \(Self.pager("/agent/contacts", term: term, page: page, hasMore: rows.count > Self.perPage))
            """
        return AgentPage.render(agent, title: "Contacts", section: .contacts, content)
    }

    private func loadContact(_ request: Request) async throws -> (PortalSessionService.SignedInAgent, Contact) {
        let agent = try request.signedInAgent
        guard let contact = try await Contact.find(try request.portalID("id", "contact"), inAccount: agent.session.accountID, on: request.db)
        else { throw PortalError.notFound("contact") }
        return (agent, contact)
    }

    @Sendable
    func contact(request: Request) async throws -> Response {
        let (agent, contact) = try await loadContact(request)
        return try await renderContact(request, agent: agent, contact: contact, flash: AgentPage.notice(request))
    }

    private func renderContact(_ request: Request, agent: PortalSessionService.SignedInAgent, contact: Contact, flash: String? = nil,
                               errors: FieldErrors? = nil, form: PortalForm? = nil) async throws -> Response {
        let contactID = try contact.requireID()
        let stored = try await ContactController.companyIDs(of: [contactID], on: request.db)[contactID] ?? []
        let memberships = Set(form?.integers("company_ids") ?? stored)
        let companies = try await AgentKnowledgeBaseController.companies(agent.session.accountID, on: request.db)
        let languages = [("", "Not chosen (the widget's default)")] + agent.account.supportedLanguages.map { ($0, $0) }
        let content: HTML = """
            <p><a href="/agent/contacts">Contacts</a> ›</p>
            <h1>Contact: \(contact.name)</h1>
            <section class="card">
            \(PortalLayout.form(action: "/agent/contacts/\(contactID)", csrf: agent.csrf, """
                \(PortalLayout.field("Name", name: "name", value: form?["name"] ?? contact.name, required: true))
                \(PortalLayout.field("E-mail address", name: "email", value: form?["email"] ?? contact.email, type: "email", required: true))
                \(PortalLayout.select("Preferred language", name: "language", options: languages, selected: form?["language"] ?? contact.language ?? ""))
                <fieldset><legend>Companies</legend>
                \(companies.isEmpty ? HTML("<p class=\"muted\">No companies yet.</p>") : companies.html { PortalLayout.checkbox($0.name, name: "company_ids", value: String($0.id ?? 0), checked: memberships.contains($0.id ?? 0)) })
                </fieldset>
                <div class="actions"><button type="submit">Save contact</button></div>
                """))
            </section>
            """
        return AgentPage.render(agent, title: contact.name, section: .contacts, flash: flash,
                                error: AgentKnowledgeBaseController.summary(errors), status: errors == nil ? .ok : .unprocessableEntity, content)
    }

    @Sendable
    func updateContact(request: Request) async throws -> Response {
        let (agent, contact) = try await loadContact(request)
        let form = try await request.collectForm()
        let accountID = agent.session.accountID
        var errors = FieldErrors()
        let name = errors.text(form["name"], "name", required: true)
        let email = ContactController.email(form["email"], required: true, &errors)
        var language: String?? = .some(nil)
        if let raw = form["language"], !raw.isEmpty {
            language = errors.language(raw, "language", supported: agent.account.supportedLanguages).map { .some($0) } ?? nil
        }
        var companyIDs: [Int]? = nil
        if let ids = form.integers("company_ids") {
            companyIDs = try await errors.ownedIDs(ids, of: Company.self, "company_ids", accountID: accountID, on: request.db)
        } else {
            errors.add("company_ids", "must be companies of this account")
        }
        if let email, email != contact.email {
            try await ContactController.checkEmailFree(email, accountID: accountID, except: contact.id, on: request.db, &errors)
        }
        guard errors.fields.isEmpty, let name, let email, let language, let companyIDs else {
            return try await renderContact(request, agent: agent, contact: contact, errors: errors, form: form)
        }
        contact.name = name
        contact.email = email
        contact.language = language
        do {
            try await request.db.writeTransaction { db in
                try await contact.save(on: db)
                try await ContactController.replaceCompanies(of: contact, with: companyIDs, on: db)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            var taken = FieldErrors()
            taken.add("email", "is already taken")
            return try await renderContact(request, agent: agent, contact: contact, errors: taken, form: form)
        }
        return seeOther("/agent/contacts/\(try contact.requireID())?done=saved")
    }

    // MARK: Companies

    @Sendable
    func companies(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        return try await renderCompanies(request, agent: agent, flash: AgentPage.notice(request))
    }

    private func renderCompanies(_ request: Request, agent: PortalSessionService.SignedInAgent, flash: String? = nil,
                                 errors: FieldErrors? = nil, form: PortalForm? = nil) async throws -> Response {
        let term = String((request.queryText("q") ?? "").trimmingCharacters(in: .whitespaces).prefix(200))
        let page = max(1, min(request.queryInt("page") ?? 1, 10_000))
        let rows = try await request.db.sql.raw("""
            SELECT c.id, c.name, (SELECT COUNT(*) FROM company_memberships m WHERE m.company_id = c.id) AS members
            FROM companies c WHERE c.account_id = \(bind: agent.session.accountID) AND LOWER(c.name) LIKE \(bind: Self.likePattern(term)) ESCAPE '\\'
            ORDER BY c.name, c.id LIMIT \(literal: Self.perPage + 1) OFFSET \(literal: (page - 1) * Self.perPage)
            """).all()
        let body: HTML = try rows.prefix(Self.perPage).html { row in
            "<tr><td><a href=\"/agent/companies/\(try row.decode(column: "id", as: Int.self))\">\(try row.decode(column: "name", as: String.self))</a></td><td>\(try row.decode(column: "members", as: Int.self))</td></tr>"
        }
        let content: HTML = """
            <h1>Companies</h1>
            \(Self.searchForm("/agent/companies", label: "Search by name", term: term))
            \(rows.isEmpty ? HTML("<p>No companies found.</p>") : "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Contacts</th></tr></thead><tbody>\(body)</tbody></table></div>")
            \(Self.pager("/agent/companies", term: term, page: page, hasMore: rows.count > Self.perPage))
            <section class="card"><h2>New company</h2>
            \(PortalLayout.form(action: "/agent/companies", csrf: agent.csrf, Self.companyFields(name: form?["name"] ?? "", domains: form?["domains"] ?? "")
                + "<div class=\"actions\"><button type=\"submit\">Create company</button></div>"))
            </section>
            """
        return AgentPage.render(agent, title: "Companies", section: .companies, flash: flash,
                                error: AgentKnowledgeBaseController.summary(errors), status: errors == nil ? .ok : .unprocessableEntity, content)
    }

    static func companyFields(name: String, domains: String) -> HTML {
        """
        \(PortalLayout.field("Name", name: "name", value: name, required: true))
        <div class="field"><label for="f-domains">Domains (one per line)</label>
        <textarea id="f-domains" name="domains" rows="3" aria-describedby="f-domains-hint">\(domains)</textarea>
        <small id="f-domains-hint">New contacts whose e-mail is at one of these domains join the company when they first sign in.</small></div>
        """
    }

    private func companyInput(_ form: PortalForm, accountID: Int, except id: Int?, on db: any Database, _ errors: inout FieldErrors)
        async throws -> (String, [String])? {
        let name = errors.text(form["name"], "name", required: true)
        let domains = CompanyController.domains(form.list("domains"), &errors)
        if let name { try await CompanyController.checkNameFree(name, accountID: accountID, except: id, on: db, &errors) }
        guard errors.fields.isEmpty, let name, let domains else { return nil }
        return (name, domains)
    }

    @Sendable
    func createCompany(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        let form = try await request.collectForm()
        var errors = FieldErrors()
        guard let (name, domains) = try await companyInput(form, accountID: agent.session.accountID, except: nil, on: request.db, &errors) else {
            return try await renderCompanies(request, agent: agent, errors: errors, form: form)
        }
        let company = Company(accountID: agent.session.accountID, name: name, domains: domains)
        do { try await company.create(on: request.db) } catch let error as any DatabaseError where error.isConstraintFailure {
            var taken = FieldErrors()
            taken.add("name", "is already taken")
            return try await renderCompanies(request, agent: agent, errors: taken, form: form)
        }
        return seeOther("/agent/companies/\(try company.requireID())?done=created")
    }

    private func loadCompany(_ request: Request) async throws -> (PortalSessionService.SignedInAgent, Company) {
        let agent = try request.signedInAgent
        guard let company = try await Company.find(try request.portalID("id", "company"), inAccount: agent.session.accountID, on: request.db)
        else { throw PortalError.notFound("company") }
        return (agent, company)
    }

    @Sendable
    func company(request: Request) async throws -> Response {
        let (agent, company) = try await loadCompany(request)
        return try await renderCompany(request, agent: agent, company: company, flash: AgentPage.notice(request))
    }

    private func renderCompany(_ request: Request, agent: PortalSessionService.SignedInAgent, company: Company, flash: String? = nil,
                               errors: FieldErrors? = nil, form: PortalForm? = nil) async throws -> Response {
        let companyID = try company.requireID()
        let members = try await request.db.sql.raw("""
            SELECT c.id, c.name, c.email FROM contacts c JOIN company_memberships m ON m.contact_id = c.id
            WHERE m.company_id = \(bind: companyID) ORDER BY c.name, c.id LIMIT 200
            """).all()
        let memberList: HTML = try members.html { row in
            "<li><a href=\"/agent/contacts/\(try row.decode(column: "id", as: Int.self))\">\(try row.decode(column: "name", as: String.self))</a> <span class=\"muted\">\(try row.decode(column: "email", as: String.self))</span></li>"
        }
        let content: HTML = """
            <p><a href="/agent/companies">Companies</a> ›</p>
            <h1>Company: \(company.name)</h1>
            <section class="card">
            \(PortalLayout.form(action: "/agent/companies/\(companyID)", csrf: agent.csrf,
                Self.companyFields(name: form?["name"] ?? company.name, domains: form?["domains"] ?? company.domains.joined(separator: "\n"))
                + "<div class=\"actions\"><button type=\"submit\">Save company</button></div>"))
            </section>
            <section class="card"><h2>Contacts</h2>\(members.isEmpty ? HTML("<p>No contacts yet.</p>") : "<ul>\(memberList)</ul>")</section>
            """
        return AgentPage.render(agent, title: company.name, section: .companies, flash: flash,
                                error: AgentKnowledgeBaseController.summary(errors), status: errors == nil ? .ok : .unprocessableEntity, content)
    }

    @Sendable
    func updateCompany(request: Request) async throws -> Response {
        let (agent, company) = try await loadCompany(request)
        let form = try await request.collectForm()
        var errors = FieldErrors()
        guard let (name, domains) = try await companyInput(form, accountID: agent.session.accountID, except: company.id, on: request.db, &errors) else {
            return try await renderCompany(request, agent: agent, company: company, errors: errors, form: form)
        }
        company.name = name
        company.domains = domains
        do { try await company.save(on: request.db) } catch let error as any DatabaseError where error.isConstraintFailure {
            var taken = FieldErrors()
            taken.add("name", "is already taken")
            return try await renderCompany(request, agent: agent, company: company, errors: taken, form: form)
        }
        return seeOther("/agent/companies/\(try company.requireID())?done=saved")
    }
}
