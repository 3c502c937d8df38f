import Fluent
import Vapor

/// `POST/PUT/GET /api/v2/solutions/categories/{id}/{language}` and `/api/v2/solutions/folders/{id}/{language}`: a
/// category's or a folder's name and description in another of the account's languages (Freshdesk's paths). `GET`
/// of the account's default language answers the category or folder itself.
struct ContainerTranslationController: RouteCollection {
    /// Which containers a path names.
    enum Kind: String, CaseIterable, Sendable {
        case categories, folders
    }

    func boot(routes: any RoutesBuilder) throws {
        for kind in Kind.allCases {
            let translation = routes.grouped("solutions", .constant(kind.rawValue), ":id", ":language")
            translation.post { try await create(request: $0, kind) }
            translation.put { try await update(request: $0, kind) }
            translation.get { try await show(request: $0, kind) }
        }
    }

    /// A translation as the API answers it.
    struct TranslationDTO: Content {
        let id: Int
        let language: String
        let name: String
        let description: String
        let created_at: Date?
        let updated_at: Date?
    }

    func create(request: Request, _ kind: Kind) async throws -> Response {
        let (container, account, language) = try await target(request, kind)
        let input = try request.decodeBody(CategoryInput.self)
        let translation = try await ContainerTranslationService.create(container, accountID: try account.requireID(), language: language,
                                                                       input, account: account, on: request.db)
        return try created(dto(translation, container))
    }

    func update(request: Request, _ kind: Kind) async throws -> Response {
        let (container, account, language) = try await target(request, kind)
        let input = try request.decodeBody(CategoryInput.self)
        let translation = try await ContainerTranslationService.update(container, language: language, input, account: account, on: request.db)
        return try ok(dto(translation, container))
    }

    func show(request: Request, _ kind: Kind) async throws -> Response {
        let (container, account, language) = try await target(request, kind)
        if language == account.defaultLanguage {
            let (name, description, createdAt, updatedAt) = try await primary(container, accountID: try account.requireID(), on: request.db)
            return try ok(TranslationDTO(id: id(container), language: language, name: name, description: description,
                                         created_at: createdAt, updated_at: updatedAt))
        }
        guard let translation = try await ContainerTranslationService.find(container, language: language, on: request.db) else {
            throw AppError.containerTranslationNotFound
        }
        return try ok(dto(translation, container))
    }

    /// The category or folder of the path (404 when it is not the caller's), the caller's account and the language.
    private func target(_ request: Request, _ kind: Kind) async throws -> (ContainerTranslationService.Container, Account, String) {
        let caller = try request.apiCaller
        let account = try await request.account(of: caller)
        let language = request.parameters.get("language") ?? ""
        let container: ContainerTranslationService.Container
        if kind == .categories {
            let id = try request.id(notFound: .categoryNotFound)
            guard try await CategoryService.find(id, accountID: caller.accountID, on: request.db) != nil else { throw AppError.categoryNotFound }
            container = .category(id)
        } else {
            let id = try request.id(notFound: .folderNotFound)
            guard try await FolderService.find(id, accountID: caller.accountID, on: request.db) != nil else { throw AppError.folderNotFound }
            container = .folder(id)
        }
        return (container, account, language)
    }

    private func primary(_ container: ContainerTranslationService.Container, accountID: Int,
                         on db: any Database) async throws -> (String, String, Date?, Date?) {
        switch container {
        case .category(let id):
            guard let category = try await CategoryService.find(id, accountID: accountID, on: db) else { throw AppError.categoryNotFound }
            return (category.name, category.description, category.createdAt, category.updatedAt)
        case .folder(let id):
            guard let folder = try await FolderService.find(id, accountID: accountID, on: db) else { throw AppError.folderNotFound }
            return (folder.name, folder.description, folder.createdAt, folder.updatedAt)
        }
    }

    private func id(_ container: ContainerTranslationService.Container) -> Int {
        switch container {
        case .category(let id), .folder(let id): id
        }
    }

    private func dto(_ translation: ContainerTranslation, _ container: ContainerTranslationService.Container) -> TranslationDTO {
        TranslationDTO(id: id(container), language: translation.language, name: translation.name, description: translation.description,
                       created_at: translation.createdAt, updated_at: translation.updatedAt)
    }
}
