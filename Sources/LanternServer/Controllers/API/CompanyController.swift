import Fluent
import Vapor

/// `/api/v2/companies`: customer organisations. Contacts belong to companies; folders may be limited to them.
struct CompanyController: RouteCollection {
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
        let caller = try request.apiCaller
        let input = try request.decodeBody(CompanyInput.self)
        let company = try await CompanyService.create(accountID: caller.accountID, input, on: request.db)
        return try created(CompanyDTO(company))
    }

    @Sendable
    func list(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        let page = try PageRequest(from: request)
        let companies = try await CompanyService.list(accountID: caller.accountID, page: page, on: request.db)
        return try companies.map(CompanyDTO.init).response(for: request, pageRequest: page)
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        try ok(CompanyDTO(try await company(request)))
    }

    @Sendable
    func update(request: Request) async throws -> Response {
        let company = try await company(request)
        let input = try request.decodeBody(CompanyInput.self)
        try await CompanyService.update(company, input, on: request.db)
        return try ok(CompanyDTO(company))
    }

    /// Deletes the company; its memberships and folder links go with it.
    @Sendable
    func delete(request: Request) async throws -> HTTPStatus {
        try await CompanyService.delete(try await company(request), on: request.db)
        return .noContent
    }

    private func company(_ request: Request) async throws -> Company {
        let caller = try request.apiCaller
        guard let company = try await CompanyService.find(try request.id(notFound: .companyNotFound),
                                                          accountID: caller.accountID, on: request.db)
        else { throw AppError.companyNotFound }
        return company
    }
}
