import Vapor

/// `/api/v2/solutions/categories`: the top level of the knowledge base.
struct SolutionCategoryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let categories = routes.grouped("solutions", "categories")
        categories.post(use: create)
        categories.get(use: list)
        categories.get(":id", use: show)
        categories.put(":id", use: update)
        categories.delete(":id", use: delete)
    }

    @Sendable
    func create(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        let input = try request.decodeBody(CategoryInput.self)
        return try created(CategoryDTO(try await CategoryService.create(accountID: caller.accountID, input, on: request.db)))
    }

    @Sendable
    func list(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        let page = try PageRequest(from: request)
        return try await CategoryService.page(accountID: caller.accountID, page, on: request.db)
            .map(CategoryDTO.init).response(for: request, pageRequest: page)
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        try ok(CategoryDTO(try await category(request)))
    }

    @Sendable
    func update(request: Request) async throws -> Response {
        let category = try await category(request)
        let input = try request.decodeBody(CategoryInput.self)
        try await CategoryService.update(category, input, on: request.db)
        return try ok(CategoryDTO(category))
    }

    @Sendable
    func delete(request: Request) async throws -> HTTPStatus {
        try await CategoryService.delete(try await category(request), on: request.db)
        return .noContent
    }

    private func category(_ request: Request) async throws -> SolutionCategory {
        let caller = try request.apiCaller
        guard let category = try await CategoryService.find(try request.id(notFound: .categoryNotFound),
                                                            accountID: caller.accountID, on: request.db)
        else { throw AppError.categoryNotFound }
        return category
    }
}
