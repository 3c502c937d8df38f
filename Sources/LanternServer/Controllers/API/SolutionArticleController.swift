import Fluent
import LanternCore
import Vapor

/// `/api/v2/solutions/folders/{id}/articles`, `/api/v2/solutions/articles/{id}` and its translations
/// `/api/v2/solutions/articles/{id}/{language}`.
struct SolutionArticleController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let solutions = routes.grouped("solutions")
        solutions.on(.POST, "folders", ":id", "articles", body: .collect(maxSize: "1mb"), use: create)
        solutions.get("folders", ":id", "articles", use: list)
        solutions.get("articles", ":id", use: show)
        solutions.on(.PUT, "articles", ":id", body: .collect(maxSize: "1mb"), use: update)
        solutions.delete("articles", ":id", use: delete)
        solutions.on(.POST, "articles", ":id", ":language", body: .collect(maxSize: "1mb"), use: createTranslation)
        solutions.on(.PUT, "articles", ":id", ":language", body: .collect(maxSize: "1mb"), use: updateTranslation)
        solutions.get("articles", ":id", ":language", use: showTranslation)
    }

    @Sendable
    func create(request: Request) async throws -> Response {
        let caller = try request.requireAgent()
        guard let folder = try await SolutionFolder.find(try request.id(notFound: .folderNotFound), inAccount: caller.accountID, on: request.db)
        else { throw APIError.folderNotFound }
        let account = try await request.account(of: caller)
        let input = try request.decodeBody(ArticleInput.self)
        var errors = FieldErrors()
        let fields = ArticleStore.fields(input, required: true, errors: &errors)
        let language = input.language == nil ? account.defaultLanguage
            : errors.language(input.language, "language", supported: account.supportedLanguages)
        if input.folder_id != nil && input.folder_id != folder.id { errors.add("folder_id", "must be the folder in the URL, or left out") }
        try errors.throwIfAny()
        let (article, translation) = try await ArticleStore.create(accountID: caller.accountID, folderID: try folder.requireID(),
                                                                   language: language!, fields: fields, on: request.db)
        return try created(ArticleDTO(article, categoryID: folder.categoryID, translation: translation, languages: [language!]))
    }

    @Sendable
    func list(request: Request) async throws -> Response {
        let caller = try request.requireAgent()
        guard let folder = try await SolutionFolder.find(try request.id(notFound: .folderNotFound), inAccount: caller.accountID, on: request.db)
        else { throw APIError.folderNotFound }
        let page = try PageRequest(from: request)
        let articles = try await Article.query(on: request.db).filter(\.$folderID == folder.requireID())
            .sort(\.$id).offset(page.offset).limit(page.perPage + 1).all()
        let ids = articles.compactMap(\.id)
        let translations = try await ArticleTranslation.query(on: request.db).filter(\.$articleID ~~ ids).all()
        let byArticle = Dictionary(grouping: translations, by: \.articleID)
        return try Page(fetched: articles, request: page).map { article in
            let all = byArticle[try article.requireID()] ?? []
            guard let primary = all.first(where: { $0.language == article.primaryLanguage }) ?? all.first else { throw APIError.translationNotFound }
            return try ArticleDTO(article, categoryID: folder.categoryID, translation: primary, languages: all.map(\.language).sorted())
        }.response(for: request, pageRequest: page)
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let (article, folder) = try await article(request)
        return try await dto(article, folder: folder, language: article.primaryLanguage, on: request.db)
    }

    @Sendable
    func update(request: Request) async throws -> Response {
        let caller = try request.requireAgent()
        let (article, folder) = try await article(request)
        let input = try request.decodeBody(ArticleInput.self)
        var errors = FieldErrors()
        let fields = ArticleStore.fields(input, required: false, errors: &errors)
        var destination = folder
        if let folderID = input.folder_id, folderID != folder.id {
            if let target = try await SolutionFolder.find(folderID, inAccount: caller.accountID, on: request.db) {
                destination = target
            } else {
                errors.add("folder_id", "is not a folder of this account")
            }
        }
        if input.language != nil { errors.add("language", "cannot change; add a translation with POST /api/v2/solutions/articles/{id}/{language}") }
        try errors.throwIfAny()
        _ = try await ArticleStore.update(article, fields: fields, folderID: destination.id, on: request.db)
        return try await dto(article, folder: destination, language: article.primaryLanguage, on: request.db)
    }

    @Sendable
    func delete(request: Request) async throws -> HTTPStatus {
        let (article, _) = try await article(request)
        try await article.delete(on: request.db)
        return .noContent
    }

    @Sendable
    func createTranslation(request: Request) async throws -> Response {
        let caller = try request.requireAgent()
        let (article, folder) = try await article(request)
        let language = try await translationLanguage(request, caller: caller)
        let input = try request.decodeBody(ArticleInput.self)
        var errors = FieldErrors()
        let fields = ArticleStore.fields(input, required: true, errors: &errors)
        try errors.throwIfAny()
        _ = try await ArticleStore.addTranslation(to: article, language: language, fields: fields, on: request.db)
        let response = try await dto(article, folder: folder, language: language, on: request.db)
        response.status = .created
        return response
    }

    @Sendable
    func updateTranslation(request: Request) async throws -> Response {
        let caller = try request.requireAgent()
        let (article, folder) = try await article(request)
        let language = try await translationLanguage(request, caller: caller)
        let input = try request.decodeBody(ArticleInput.self)
        var errors = FieldErrors()
        let fields = ArticleStore.fields(input, required: false, errors: &errors)
        if input.folder_id != nil { errors.add("folder_id", "moves the whole article: use PUT /api/v2/solutions/articles/{id}") }
        try errors.throwIfAny()
        _ = try await ArticleStore.update(article, language: language, fields: fields, folderID: nil, on: request.db)
        return try await dto(article, folder: folder, language: language, on: request.db)
    }

    @Sendable
    func showTranslation(request: Request) async throws -> Response {
        let caller = try request.requireAgent()
        let (article, folder) = try await article(request)
        let language = try await translationLanguage(request, caller: caller)
        return try await dto(article, folder: folder, language: language, on: request.db)
    }

    private func article(_ request: Request) async throws -> (Article, SolutionFolder) {
        let caller = try request.requireAgent()
        guard let article = try await Article.find(try request.id(notFound: .articleNotFound), inAccount: caller.accountID, on: request.db),
              let folder = try await SolutionFolder.find(article.folderID, on: request.db)
        else { throw APIError.articleNotFound }
        return (article, folder)
    }

    /// The `{language}` path segment: one of the account's languages.
    private func translationLanguage(_ request: Request, caller: APICaller) async throws -> String {
        let account = try await request.account(of: caller)
        var errors = FieldErrors()
        let language = errors.language(request.parameters.get("language") ?? "", "language", supported: account.supportedLanguages)
        try errors.throwIfAny()
        return language!
    }

    private func dto(_ article: Article, folder: SolutionFolder, language: String, on db: any Database) async throws -> Response {
        guard let translation = try await ArticleStore.translation(of: article, in: language, on: db) else { throw APIError.translationNotFound }
        let languages = try await ArticleStore.languages(of: [article.requireID()], on: db)[article.requireID()] ?? []
        return try ok(ArticleDTO(article, categoryID: folder.categoryID, translation: translation, languages: languages))
    }
}
