import Fluent
import LanternCore
import Vapor

/// `/api/v2/companies`: customer organisations. Contacts belong to companies; folders may be limited to them.
struct CompanyController: RouteCollection {
    static let maximumDomains = 50

    func boot(routes: any RoutesBuilder) throws {
        let companies = routes.grouped("companies")
        companies.post(use: create)
        companies.get(use: list)
        companies.get(":id", use: show)
        companies.put(":id", use: update)
        companies.delete(":id", use: delete)
    }

    @Sendable
    func create(request: Request) async throws -> Response {
        let caller = try request.requireAgent()
        let input = try request.decodeBody(CompanyInput.self)
        var errors = FieldErrors()
        let name = errors.text(input.name, "name", required: true)
        let domains = Self.domains(input.domains, &errors) ?? []
        if let name { try await Self.checkNameFree(name, accountID: caller.accountID, except: nil, on: request.db, &errors) }
        try errors.throwIfAny()
        let company = Company(accountID: caller.accountID, name: name!, domains: domains)
        try await answeringDuplicate("name") { try await company.create(on: request.db) }
        return try created(CompanyDTO(company))
    }

    @Sendable
    func list(request: Request) async throws -> Response {
        let caller = try request.requireAgent()
        let page = try PageRequest(from: request)
        let companies = try await Company.query(on: request.db).filter(\.$accountID == caller.accountID)
            .sort(\.$id).offset(page.offset).limit(page.perPage + 1).all()
        return try Page(fetched: companies, request: page).map(CompanyDTO.init).response(for: request, pageRequest: page)
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        try ok(CompanyDTO(try await company(request)))
    }

    @Sendable
    func update(request: Request) async throws -> Response {
        let company = try await company(request)
        let input = try request.decodeBody(CompanyInput.self)
        var errors = FieldErrors()
        let name = errors.text(input.name, "name", required: false)
        let domains = Self.domains(input.domains, &errors)
        if let name, name != company.name {
            try await Self.checkNameFree(name, accountID: company.accountID, except: company.id, on: request.db, &errors)
        }
        try errors.throwIfAny()
        if let name { company.name = name }
        if let domains { company.domains = domains }
        try await answeringDuplicate("name") { try await company.save(on: request.db) }
        return try ok(CompanyDTO(company))
    }

    /// Deletes the company; its memberships and folder links go with it (foreign keys cascade).
    @Sendable
    func delete(request: Request) async throws -> HTTPStatus {
        try await company(request).delete(on: request.db)
        return .noContent
    }

    private func company(_ request: Request) async throws -> Company {
        let caller = try request.requireAgent()
        guard let company = try await Company.find(try request.id(notFound: .companyNotFound),
                                                   inAccount: caller.accountID, on: request.db)
        else { throw APIError.companyNotFound }
        return company
    }

    /// Lower-cased, de-duplicated host names (at most 50); `nil` when absent or invalid.
    static func domains(_ raw: [String]?, _ errors: inout FieldErrors) -> [String]? {
        guard let raw else { return nil }
        var domains: [String] = []
        for entry in raw {
            let domain = entry.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            guard !domain.contains("@"), EmailAddress("x@" + domain) != nil else {
                errors.add("domains", "contains \"\(entry)\", which is not a domain name such as example.com")
                return nil
            }
            if !domains.contains(domain) { domains.append(domain) }
        }
        guard domains.count <= maximumDomains else {
            errors.add("domains", "must list at most \(maximumDomains) domains")
            return nil
        }
        return domains
    }

    static func checkNameFree(_ name: String, accountID: Int, except id: Int?, on db: any Database,
                                      _ errors: inout FieldErrors) async throws {
        var query = Company.query(on: db).filter(\.$accountID == accountID).filter(\.$name == name)
        if let id { query = query.filter(\.$id != id) }
        if try await query.count() > 0 { errors.add("name", "is already taken") }
    }
}
