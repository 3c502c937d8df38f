import Fluent
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
        let caller = try request.requireAgent()
        let input = try request.decodeBody(CategoryInput.self)
        var errors = FieldErrors()
        let name = errors.text(input.name, "name", required: true)
        let description = errors.freeText(input.description, "description", maximum: 2000) ?? ""
        try errors.throwIfAny()
        let position = try await SolutionCategory.query(on: request.db).filter(\.$accountID == caller.accountID).count() + 1
        let category = SolutionCategory(accountID: caller.accountID, name: name!, description: description, position: position)
        try await category.create(on: request.db)
        return try created(CategoryDTO(category))
    }

    @Sendable
    func list(request: Request) async throws -> Response {
        let caller = try request.requireAgent()
        let page = try PageRequest(from: request)
        let categories = try await SolutionCategory.query(on: request.db).filter(\.$accountID == caller.accountID)
            .sort(\.$position).sort(\.$id).offset(page.offset).limit(page.perPage + 1).all()
        return try Page(fetched: categories, request: page).map(CategoryDTO.init).response(for: request, pageRequest: page)
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        try ok(CategoryDTO(try await category(request)))
    }

    @Sendable
    func update(request: Request) async throws -> Response {
        let category = try await category(request)
        let input = try request.decodeBody(CategoryInput.self)
        var errors = FieldErrors()
        let name = errors.text(input.name, "name", required: false)
        let description = errors.freeText(input.description, "description", maximum: 2000)
        try errors.throwIfAny()
        if let name { category.name = name }
        if let description { category.description = description }
        try await category.save(on: request.db)
        return try ok(CategoryDTO(category))
    }

    @Sendable
    func delete(request: Request) async throws -> HTTPStatus {
        try await category(request).delete(on: request.db)
        return .noContent
    }

    private func category(_ request: Request) async throws -> SolutionCategory {
        let caller = try request.requireAgent()
        guard let category = try await SolutionCategory.find(try request.id(notFound: .categoryNotFound),
                                                             inAccount: caller.accountID, on: request.db)
        else { throw APIError.categoryNotFound }
        return category
    }
}
