import Fluent
import Vapor

/// `/api/v2/solutions/folders/{id}/articles`, `/api/v2/solutions/articles/{id}` and its translations
/// `/api/v2/solutions/articles/{id}/{language}`.
struct SolutionArticleController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let solutions = routes.grouped("solutions")
        solutions.on(.POST, "folders", ":id", "articles", body: .collect(maxSize: "1mb"), use: create).bodyLimit(1 << 20)
        solutions.get("folders", ":id", "articles", use: list)
        solutions.get("articles", ":id", use: show)
        solutions.on(.PUT, "articles", ":id", body: .collect(maxSize: "1mb"), use: update).bodyLimit(1 << 20)
        solutions.delete("articles", ":id", use: delete)
        solutions.on(.POST, "articles", ":id", ":language", body: .collect(maxSize: "1mb"), use: createTranslation).bodyLimit(1 << 20)
        solutions.on(.PUT, "articles", ":id", ":language", body: .collect(maxSize: "1mb"), use: updateTranslation).bodyLimit(1 << 20)
        solutions.get("articles", ":id", ":language", use: showTranslation)
    }

    @Sendable
    func create(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        let folder = try await folder(request)
        let account = try await request.account(of: caller)
        let input = try request.decodeBody(ArticleInput.self)
        var checked = try ArticleStore.checkNew(input, in: folder, account: account)
        try await ArticleStore.checkAgent(checked.fields.agentID, accountID: caller.accountID, on: request.db)
        checked.fields.agentID = checked.fields.agentID ?? caller.agentID  // the author: the key's agent unless given
        let (article, _) = try await ArticleStore.create(accountID: caller.accountID, folderID: try folder.requireID(),
                                                         language: checked.language, fields: checked.fields,
                                                         agentID: caller.agentID, on: request.db)
        let response = try await Self.dto(article, folder: folder, language: checked.language, on: request.db)
        response.status = .created
        return response
    }

    @Sendable
    func list(request: Request) async throws -> Response {
        let folder = try await folder(request)
        let page = try PageRequest(from: request)
        return try await ArticleStore.page(in: folder.requireID(), page, on: request.db).map { listed in
            guard let primary = listed.primary else { throw AppError.translationNotFound }
            return try ArticleDTO(listed.article, categoryID: folder.categoryID, translation: primary, languages: listed.languages)
        }.response(for: request, pageRequest: page)
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let (article, folder) = try await Self.article(request)
        return try await Self.dto(article, folder: folder, language: article.primaryLanguage, on: request.db)
    }

    @Sendable
    func update(request: Request) async throws -> Response {
        let (article, folder) = try await Self.article(request)
        let input = try request.decodeBody(ArticleInput.self)
        let checked = try await ArticleStore.checkChanges(input, in: folder, on: request.db)
        try await ArticleStore.checkAgent(checked.fields.agentID, accountID: article.accountID, on: request.db)
        _ = try await ArticleStore.update(article, fields: checked.fields, folderID: checked.destination.id,
                                          agentID: try request.apiCaller.agentID, on: request.db)
        return try await Self.dto(article, folder: checked.destination, language: article.primaryLanguage, on: request.db)
    }

    @Sendable
    func delete(request: Request) async throws -> HTTPStatus {
        let (article, _) = try await Self.article(request)
        try await ArticleStore.delete(article, on: request.db)
        return .noContent
    }

    @Sendable
    func createTranslation(request: Request) async throws -> Response {
        let (article, folder) = try await Self.article(request)
        let language = try await translationLanguage(request)
        let fields = try ArticleStore.checkNewTranslation(try request.decodeBody(ArticleInput.self))
        _ = try await ArticleStore.addTranslation(to: article, language: language, fields: fields, agentID: try request.apiCaller.agentID,
                                                  on: request.db)
        let response = try await Self.dto(article, folder: folder, language: language, on: request.db)
        response.status = .created
        return response
    }

    @Sendable
    func updateTranslation(request: Request) async throws -> Response {
        let (article, folder) = try await Self.article(request)
        let language = try await translationLanguage(request)
        let fields = try ArticleStore.checkTranslationChanges(try request.decodeBody(ArticleInput.self))
        try await ArticleStore.checkAgent(fields.agentID, accountID: article.accountID, on: request.db)
        _ = try await ArticleStore.update(article, language: language, fields: fields, folderID: nil, agentID: try request.apiCaller.agentID,
                                          on: request.db)
        return try await Self.dto(article, folder: folder, language: language, on: request.db)
    }

    @Sendable
    func showTranslation(request: Request) async throws -> Response {
        let (article, folder) = try await Self.article(request)
        let language = try await translationLanguage(request)
        return try await Self.dto(article, folder: folder, language: language, on: request.db)
    }

    func folder(_ request: Request) async throws -> SolutionFolder {
        let caller = try request.apiCaller
        guard let folder = try await FolderService.find(try request.id(notFound: .folderNotFound), accountID: caller.accountID, on: request.db)
        else { throw AppError.folderNotFound }
        return folder
    }

    /// The article in the path, with its folder (404 outside the caller's account).
    static func article(_ request: Request) async throws -> (Article, SolutionFolder) {
        let caller = try request.apiCaller
        guard let article = try await ArticleStore.find(try request.id(notFound: .articleNotFound), accountID: caller.accountID, on: request.db),
              let folder = try await ArticleStore.folder(of: article, on: request.db)
        else { throw AppError.articleNotFound }
        return (article, folder)
    }

    /// The `{language}` path segment: one of the account's languages.
    private func translationLanguage(_ request: Request) async throws -> String {
        let account = try await request.account(of: try request.apiCaller)
        return try ArticleStore.checkLanguage(request.parameters.get("language") ?? "", account: account)
    }

    /// The article in `language`, with its draft and latest revision number.
    static func dto(_ article: Article, folder: SolutionFolder, language: String, on db: any Database) async throws -> Response {
        let articleID = try article.requireID()
        guard let translation = try await ArticleStore.translation(of: article, in: language, on: db) else { throw AppError.translationNotFound }
        let languages = try await ArticleStore.languages(of: [articleID], on: db)[articleID] ?? []
        var dto = try ArticleDTO(article, categoryID: folder.categoryID, translation: translation, languages: languages)
        dto.draft = JSONNullable(try await ArticleRevisionService.draft(of: articleID, language: language, on: db).map(ArticleDTO.DraftDTO.init))
        dto.revision = try await ArticleRevisionService.latestNumber(of: articleID, language: language, on: db)
        return try ok(dto)
    }
}
