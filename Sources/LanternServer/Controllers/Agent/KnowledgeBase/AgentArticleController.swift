import Fluent
import LanternCore
import Vapor

/// `/agent/kb/folders/{id}/articles/new` and `/agent/kb/articles/{id}`: the editor of a new article, and an
/// article's page with its primary version and one translation side by side (HTML editor with preview, draft /
/// publish, move to another folder) and its delete form. The rules are `ArticleStore`'s, as for the JSON API
/// (article HTML is sanitised on the way in); a refused form comes back filled in with a 422, a preview with a 200.
struct AgentArticleController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let kb = routes.grouped("kb")
        kb.get("folders", ":id", "articles", "new", use: new)
        kb.on(.POST, "folders", ":id", "articles", body: .collect(maxSize: "1mb"), use: create).bodyLimit(1 << 20)
        kb.get("articles", ":id", use: show)
        kb.on(.POST, "articles", ":id", body: .collect(maxSize: "1mb"), use: update).bodyLimit(1 << 20)
        kb.on(.POST, "articles", ":id", "translations", ":language", body: .collect(maxSize: "1mb"), use: saveTranslation)
            .bodyLimit(1 << 20)
        kb.post("articles", ":id", "delete", use: delete)
    }

    @Sendable
    func new(request: Request) async throws -> Response {
        let (agent, folder) = try await loadFolder(request)
        return respond(agent, try newArticlePage(agent, folder, form: nil))
    }

    @Sendable
    func create(request: Request) async throws -> Response {
        let (agent, folder) = try await loadFolder(request)
        let form = try await request.collectForm()
        let checked: (fields: ArticleStore.Fields, language: String)
        do {
            checked = try ArticleStore.checkNew(input(form, tags: true, language: true), in: folder, account: agent.account)
        } catch let error as AppError where error.code == .validationFailed {
            var page = try newArticlePage(agent, folder, form: form)
            page.errors = error.fields ?? [:]
            return respond(agent, page)
        }
        if form["action"] == "preview" { return respond(agent, try newArticlePage(agent, folder, form: form)) }
        let (article, _) = try await ArticleStore.create(accountID: agent.session.accountID, folderID: try folder.requireID(),
                                                         language: checked.language, fields: checked.fields, on: request.db)
        return seeOther("/agent/kb/articles/\(try article.requireID())?done=\(article.status == .published ? "published" : "draft")")
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let (agent, article) = try await loadArticle(request)
        var page = try await articlePage(agent, article, other: request.queryText("lang"), on: request.db)
        page.flash = AgentPage.notice(request)
        return respond(agent, page)
    }

    /// The primary version's form always carries title, body and tags; its folder picker moves the article.
    @Sendable
    func update(request: Request) async throws -> Response {
        let (agent, article) = try await loadArticle(request)
        let form = try await request.collectForm()
        var problems = FieldErrors()
        var folderID: Int? = nil
        if let raw = form["folder_id"] {
            folderID = Int(raw)
            if folderID == nil { problems.add("folder_id", "is not a folder of this account") }
        }
        guard let folder = try await ArticleStore.folder(of: article, on: request.db) else { throw PortalError.notFound("article") }
        let input = ArticleInput(title: form["title"], description: form["description"], status: Self.status(form),
                                 tags: form.list("tags"), folder_id: folderID, language: nil)
        let checked: (fields: ArticleStore.Fields, destination: SolutionFolder)
        do {
            checked = try await ArticleStore.checkChanges(input, in: folder, required: true, problems: problems, on: request.db)
        } catch let error as AppError where error.code == .validationFailed {
            return try await primaryFormPage(agent, article, form, request: request, errors: error.fields ?? [:])
        }
        if form["action"] == "preview" { return try await primaryFormPage(agent, article, form, request: request, errors: [:]) }
        _ = try await ArticleStore.update(article, fields: checked.fields, folderID: checked.destination.id, on: request.db)
        return seeOther("/agent/kb/articles/\(try article.requireID())?done=\(article.status == .published ? "published" : "draft")")
    }

    /// A translation in the side-by-side editor: added, or updated if it exists.
    @Sendable
    func saveTranslation(request: Request) async throws -> Response {
        let (agent, article) = try await loadArticle(request)
        let form = try await request.collectForm()
        let raw = request.parameters.get("language") ?? ""
        let checked: (fields: ArticleStore.Fields, language: String)
        do {
            checked = try ArticleStore.checkSideBySideTranslation(input(form, tags: false, language: false), language: raw,
                                                                  of: article, account: agent.account)
        } catch let error as AppError where error.code == .validationFailed {
            return try await translationFormPage(agent, article, form, language: raw, request: request, errors: error.fields ?? [:])
        }
        if form["action"] == "preview" {
            return try await translationFormPage(agent, article, form, language: raw, request: request, errors: [:])
        }
        try await ArticleStore.saveTranslation(of: article, language: checked.language, fields: checked.fields, on: request.db)
        return seeOther("/agent/kb/articles/\(try article.requireID())?lang=\(checked.language)&done=saved")
    }

    @Sendable
    func delete(request: Request) async throws -> Response {
        let (_, article) = try await loadArticle(request)
        let folderID = article.folderID
        try await ArticleStore.delete(article, on: request.db)
        return seeOther("/agent/kb/folders/\(folderID)?done=deleted")
    }

    // MARK: Reading the forms

    /// The status the editor's buttons ask for: publish, save as draft, or (preview, save translation) none.
    private static func status(_ form: URLEncodedForm) -> Int? {
        form["action"] == "publish" ? Article.Status.published.rawValue
            : form["action"] == "draft" ? Article.Status.draft.rawValue : nil
    }

    private func input(_ form: URLEncodedForm, tags: Bool, language: Bool) -> ArticleInput {
        ArticleInput(title: form["title"], description: form["description"], status: Self.status(form),
                     tags: tags ? form.list("tags") : nil, folder_id: nil, language: language ? form["language"] : nil)
    }

    private func loadFolder(_ request: Request) async throws -> (PortalSessionService.SignedInAgent, SolutionFolder) {
        let agent = try request.signedInAgent
        guard let folder = try await FolderService.find(try request.portalID("id", "folder"), accountID: agent.session.accountID,
                                                        on: request.db)
        else { throw PortalError.notFound("folder") }
        return (agent, folder)
    }

    private func loadArticle(_ request: Request) async throws -> (PortalSessionService.SignedInAgent, Article) {
        let agent = try request.signedInAgent
        guard let article = try await ArticleStore.find(try request.portalID("id", "article"), accountID: agent.session.accountID,
                                                        on: request.db)
        else { throw PortalError.notFound("article") }
        return (agent, article)
    }

    // MARK: Pages

    /// The new-article editor, filled in from `form` (with a preview of its body) when one was sent.
    private func newArticlePage(_ agent: PortalSessionService.SignedInAgent, _ folder: SolutionFolder,
                                form: URLEncodedForm?) throws -> AgentNewArticlePage {
        let folderID = try folder.requireID()
        let editor = AgentArticleEditor(action: "/agent/kb/folders/\(folderID)/articles", csrf: agent.csrf, idPrefix: "new",
                                        language: form?["language"] ?? agent.account.defaultLanguage, title: form?["title"] ?? "",
                                        body: form?["description"] ?? "", tags: form?["tags"] ?? "",
                                        languages: agent.account.supportedLanguages, preview: form.map { $0["description"] ?? "" })
        return AgentNewArticlePage(folderID: folderID, folderName: folder.name, editor: editor)
    }

    /// The article page after its primary version's form was sent: the form as sent, with a preview.
    private func primaryFormPage(_ agent: PortalSessionService.SignedInAgent, _ article: Article, _ form: URLEncodedForm,
                                 request: Request, errors: [String: String]) async throws -> Response {
        var page = try await articlePage(agent, article, other: request.queryText("lang"), on: request.db)
        page.primary.title = form["title"] ?? page.primary.title
        page.primary.body = form["description"] ?? page.primary.body
        page.primary.tags = form["tags"] ?? page.primary.tags
        page.primary.folderID = form["folder_id"].flatMap { Int($0) } ?? article.folderID
        page.primary.preview = form["description"] ?? ""
        page.errors = errors
        return respond(agent, page)
    }

    /// The article page after a translation's form was sent: the form as sent, with a preview.
    private func translationFormPage(_ agent: PortalSessionService.SignedInAgent, _ article: Article, _ form: URLEncodedForm,
                                     language: String, request: Request, errors: [String: String]) async throws -> Response {
        var page = try await articlePage(agent, article, other: language, on: request.db)
        if var translation = page.translation {
            translation.editor.title = form["title"] ?? translation.editor.title
            translation.editor.body = form["description"] ?? translation.editor.body
            translation.editor.preview = form["description"] ?? ""
            page.translation = translation
        }
        page.errors = errors
        return respond(agent, page)
    }

    /// The article as stored, with the translation in `other` beside it (one of the account's other languages;
    /// else the first translation, else the first other language).
    private func articlePage(_ agent: PortalSessionService.SignedInAgent, _ article: Article, other: String?,
                             on db: any Database) async throws -> AgentArticlePage {
        let articleID = try article.requireID()
        let translations = try await ArticleStore.translations(of: article, on: db)
        let primary = translations.first { $0.language == article.primaryLanguage } ?? translations.first
        let otherLanguages = agent.account.supportedLanguages.filter { $0 != article.primaryLanguage }
        let chosen = other.flatMap { raw in otherLanguages.first { $0.lowercased() == raw.lowercased() } }
            ?? translations.first { $0.language != article.primaryLanguage }?.language ?? otherLanguages.first
        let destinations = try await FolderService.destinations(accountID: agent.session.accountID, on: db)
        let primaryEditor = AgentArticleEditor(
            action: "/agent/kb/articles/\(articleID)", csrf: agent.csrf, idPrefix: "pr", language: article.primaryLanguage,
            title: primary?.title ?? "", body: primary?.description ?? "", tags: article.tags.joined(separator: ", "),
            folders: destinations, folderID: article.folderID, published: article.status == .published)
        let translation = chosen.map { language in
            let existing = translations.first { $0.language == language }
            return AgentArticlePage.Translation(
                language: language, isNew: existing == nil,
                choices: otherLanguages.map { choice in (choice, translations.contains { $0.language == choice }) },
                editor: AgentArticleEditor(action: "/agent/kb/articles/\(articleID)/translations/\(language)", csrf: agent.csrf,
                                           idPrefix: "tr", language: language, title: existing?.title ?? "",
                                           body: existing?.description ?? "", primary: false))
        }
        return AgentArticlePage(csrf: agent.csrf, id: articleID, folderID: article.folderID, primaryTitle: primary?.title,
                                primaryLanguage: article.primaryLanguage, thumbsUp: article.thumbsUp, thumbsDown: article.thumbsDown,
                                primary: primaryEditor, translation: translation)
    }

    private func respond(_ agent: PortalSessionService.SignedInAgent, _ page: AgentNewArticlePage) -> Response {
        AgentPage.render(agent, title: page.title, section: .kb, error: page.errorMessage,
                         status: page.errors.isEmpty ? .ok : .unprocessableEntity, page.content)
    }

    private func respond(_ agent: PortalSessionService.SignedInAgent, _ page: AgentArticlePage) -> Response {
        AgentPage.render(agent, title: page.title, section: .kb, flash: page.flash, error: page.errorMessage,
                         status: page.errors.isEmpty ? .ok : .unprocessableEntity, page.content)
    }
}
