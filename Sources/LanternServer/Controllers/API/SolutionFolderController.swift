import Fluent
import Vapor

/// `/api/v2/solutions/categories/{id}/folders` and `/api/v2/solutions/folders/{id}`: folders and who may see them.
struct SolutionFolderController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let solutions = routes.grouped("solutions")
        solutions.post("categories", ":id", "folders", use: create)
        solutions.get("categories", ":id", "folders", use: list)
        solutions.get("folders", ":id", use: show)
        solutions.put("folders", ":id", use: update)
        solutions.delete("folders", ":id", use: delete)
    }

    @Sendable
    func create(request: Request) async throws -> Response {
        let category = try await category(request)
        let input = try request.decodeBody(FolderInput.self)
        let (folder, companyIDs) = try await FolderService.create(in: category, input, on: request.db)
        return try created(FolderDTO(folder, companyIDs: companyIDs))
    }

    @Sendable
    func list(request: Request) async throws -> Response {
        let category = try await category(request)
        let page = try PageRequest(from: request)
        let folders = try await FolderService.page(in: category.requireID(), page, on: request.db)
        let companies = try await FolderService.companyIDs(of: folders.items.compactMap(\.id), on: request.db)
        return try folders.map { try FolderDTO($0, companyIDs: companies[$0.requireID()] ?? []) }
            .response(for: request, pageRequest: page)
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        try await dto(try await folder(request), on: request.db)
    }

    @Sendable
    func update(request: Request) async throws -> Response {
        let folder = try await folder(request)
        let input = try request.decodeBody(FolderInput.self)
        try await FolderService.update(folder, input, on: request.db)
        return try await dto(folder, on: request.db)
    }

    @Sendable
    func delete(request: Request) async throws -> HTTPStatus {
        try await FolderService.delete(try await folder(request), on: request.db)
        return .noContent
    }

    private func category(_ request: Request) async throws -> SolutionCategory {
        let caller = try request.apiCaller
        guard let category = try await CategoryService.find(try request.id(notFound: .categoryNotFound),
                                                            accountID: caller.accountID, on: request.db)
        else { throw AppError.categoryNotFound }
        return category
    }

    private func folder(_ request: Request) async throws -> SolutionFolder {
        let caller = try request.apiCaller
        guard let folder = try await FolderService.find(try request.id(notFound: .folderNotFound),
                                                        accountID: caller.accountID, on: request.db)
        else { throw AppError.folderNotFound }
        return folder
    }

    /// The folder with the companies stored for it.
    private func dto(_ folder: SolutionFolder, on db: any Database) async throws -> Response {
        let folderID = try folder.requireID()
        return try ok(FolderDTO(folder, companyIDs: try await FolderService.companyIDs(of: [folderID], on: db)[folderID] ?? []))
    }
}
