import Fluent
import LanternCore
import Vapor

/// `/agent/kb/folders/{id}/articles/new` and `/agent/kb/articles/{id}`: the editor of a new article, and an
/// article's page with its primary version and one translation side by side (rich-text editor with preview, move
/// to another folder, schedule) and its delete form. On an existing article "Save draft" keeps the text as the
/// language's draft (visitors still see the published text) and "Publish" makes it live; tags, folder and schedule
/// change at once either way. The rules are `ArticleStore`'s and `ArticleRevisionService`'s, as for the JSON API
/// (article HTML is sanitised on the way in); a refused form comes back filled in with a 422, a preview with a 200, a
/// save that someone else's save overtook with a 409 and their version beside the agent's.
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
        kb.post("articles", ":id", "draft", "discard", use: discardDraft)
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
                                                         language: checked.language, fields: checked.fields,
                                                         agentID: try agent.agent.requireID(), on: request.db)
        return seeOther("/agent/kb/articles/\(try article.requireID())?done=\(article.status == .published ? "published" : "draft")")
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let (agent, article) = try await loadArticle(request)
        var page = try await articlePage(agent, article, other: request.queryText("lang"), on: request.db)
        page.flash = AgentPage.notice(request)
        return respond(agent, page, request)
    }

    /// The primary version's form always carries title, body and tags; its folder picker moves the article. "Save
    /// draft" keeps the text as the primary language's draft, "Publish" makes it live (and drops the draft),
    /// "Unpublish" takes the article off line; tags, folder and schedule change at once.
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
        let action = form["action"]
        let status: Article.Status? = action == "publish" ? .published : action == "unpublish" ? .draft : nil
        let input = ArticleInput(title: form["title"], description: form["description"], status: status?.rawValue,
                                 tags: form.list("tags"), folder_id: folderID, publish_at: Self.scheduleTime(form["publish_at"]),
                                 unpublish_at: Self.scheduleTime(form["unpublish_at"]), base_revision: Self.baseRevision(form))
        let checked: (fields: ArticleStore.Fields, destination: SolutionFolder)
        do {
            checked = try await ArticleStore.checkChanges(input, in: folder, required: true, problems: problems, on: request.db)
        } catch let error as AppError where error.code == .validationFailed {
            return try await primaryFormPage(agent, article, form, request: request, errors: error.fields ?? [:])
        }
        if action == "preview" { return try await primaryFormPage(agent, article, form, request: request, errors: [:]) }
        let agentID = try agent.agent.requireID()
        var fields = checked.fields
        do {
            switch action {
            case "draft":
                try await ArticleRevisionService.saveDraft(article, language: article.primaryLanguage,
                                                           change: .init(title: fields.title, description: fields.description),
                                                           agentID: agentID, baseRevision: fields.baseRevision, on: request.db)
                (fields.title, fields.description, fields.baseRevision) = (nil, nil, nil)
            case "unpublish":
                (fields.title, fields.description) = (nil, nil)
            default:
                break
            }
            _ = try await ArticleStore.update(article, fields: fields, folderID: checked.destination.id, agentID: agentID, on: request.db)
            if action == "publish" { try await Self.dropDraft(of: article, language: article.primaryLanguage, on: request.db) }
        } catch let error as AppError where error.code == .editConflict {
            return try await conflictPage(agent, article, form, language: article.primaryLanguage, message: error.message, request: request)
        }
        let done = action == "draft" ? "draft" : action == "unpublish" ? "unpublished" : article.status == .published ? "published" : "saved"
        return seeOther("/agent/kb/articles/\(try article.requireID())?done=\(done)")
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
        let agentID = try agent.agent.requireID()
        do {
            if form["action"] == "draft" {
                try await ArticleRevisionService.saveDraft(article, language: checked.language,
                                                           change: .init(title: checked.fields.title, description: checked.fields.description),
                                                           agentID: agentID, baseRevision: checked.fields.baseRevision, on: request.db)
            } else {
                try await ArticleStore.saveTranslation(of: article, language: checked.language, fields: checked.fields, agentID: agentID,
                                                       on: request.db)
                try await Self.dropDraft(of: article, language: checked.language, on: request.db)
            }
        } catch let error as AppError where error.code == .editConflict {
            return try await conflictPage(agent, article, form, language: checked.language, message: error.message, request: request)
        }
        let done = form["action"] == "draft" ? "draft" : "saved"
        return seeOther("/agent/kb/articles/\(try article.requireID())?lang=\(checked.language)&done=\(done)")
    }

    /// Drops the waiting draft of `language` (the "Discard the draft" button).
    @Sendable
    func discardDraft(request: Request) async throws -> Response {
        let (agent, article) = try await loadArticle(request)
        let form = try await request.collectForm()
        let language = try ArticleStore.checkLanguage(form["language"] ?? article.primaryLanguage, account: agent.account)
        try await Self.dropDraft(of: article, language: language, on: request.db)
        let other = language == article.primaryLanguage ? "" : "lang=\(language)&"
        return seeOther("/agent/kb/articles/\(try article.requireID())?\(other)done=discarded")
    }

    @Sendable
    func delete(request: Request) async throws -> Response {
        let (_, article) = try await loadArticle(request)
        let folderID = article.folderID
        try await ArticleStore.delete(article, on: request.db)
        return seeOther("/agent/kb/folders/\(folderID)?done=deleted")
    }

    // MARK: Reading the forms

    /// A `datetime-local` value (UTC, to the minute or the second) as the API's ISO 8601 time; empty clears the schedule.
    static func scheduleTime(_ raw: String?) -> NullableField<String> {
        guard let raw else { return .absent }
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return .null }
        let local = trimmed.dropFirst(10).first == "T" && !trimmed.hasSuffix("Z") && !trimmed.dropFirst(16).contains(where: { $0 == "+" || $0 == "-" })
        if local && trimmed.count == 16 { return .value(trimmed + ":00Z") }
        if local && trimmed.count == 19 { return .value(trimmed + "Z") }
        return .value(trimmed)
    }

    static func baseRevision(_ form: URLEncodedForm) -> Int? {
        form["base_revision"].flatMap { Int($0) }
    }

    /// Drops the draft of `language` if there is one.
    static func dropDraft(of article: Article, language: String, on db: any Database) async throws {
        do {
            try await ArticleRevisionService.discardDraft(article, language: language, on: db)
        } catch let error as AppError where error.code == .draftNotFound {}
    }

    /// The status the editor's buttons ask for: publish, save as draft, or (preview, save translation) none.
    private static func status(_ form: URLEncodedForm) -> Int? {
        form["action"] == "publish" ? Article.Status.published.rawValue
            : form["action"] == "draft" ? Article.Status.draft.rawValue : nil
    }

    private func input(_ form: URLEncodedForm, tags: Bool, language: Bool) -> ArticleInput {
        ArticleInput(title: form["title"], description: form["description"], status: tags ? Self.status(form) : nil,
                     tags: tags ? form.list("tags") : nil, folder_id: nil, language: language ? form["language"] : nil,
                     base_revision: Self.baseRevision(form))
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
        fill(&page.primary, from: form)
        page.primary.tags = form["tags"] ?? page.primary.tags
        page.primary.folderID = form["folder_id"].flatMap { Int($0) } ?? article.folderID
        page.primary.schedule = (form["publish_at"] ?? "", form["unpublish_at"] ?? "")
        page.primary.preview = form["description"] ?? ""
        page.errors = errors
        return respond(agent, page, request)
    }

    /// The article page after a translation's form was sent: the form as sent, with a preview.
    private func translationFormPage(_ agent: PortalSessionService.SignedInAgent, _ article: Article, _ form: URLEncodedForm,
                                     language: String, request: Request, errors: [String: String]) async throws -> Response {
        var page = try await articlePage(agent, article, other: language, on: request.db)
        if var translation = page.translation {
            fill(&translation.editor, from: form)
            translation.editor.preview = form["description"] ?? ""
            page.translation = translation
        }
        page.errors = errors
        return respond(agent, page, request)
    }

    /// The article page after a save of `language` that someone else's overtook (409): the agent's text in the form,
    /// their version beside it, and the form now based on their revision, so that saving again overwrites.
    private func conflictPage(_ agent: PortalSessionService.SignedInAgent, _ article: Article, _ form: URLEncodedForm, language: String,
                              message: String, request: Request) async throws -> Response {
        let articleID = try article.requireID()
        var page = try await articlePage(agent, article, other: language == article.primaryLanguage ? request.queryText("lang") : language,
                                         on: request.db)
        let latest = try await ArticleRevisionService.revisions(of: articleID, language: language, on: request.db).last
        let conflict = AgentArticleEditor.Conflict(message: message, theirTitle: latest?.title ?? "", theirBody: latest?.description ?? "")
        if language == article.primaryLanguage {
            fill(&page.primary, from: form)
            page.primary.conflict = conflict
        } else if var translation = page.translation {
            fill(&translation.editor, from: form)
            translation.editor.conflict = conflict
            page.translation = translation
        }
        page.status = .conflict
        return respond(agent, page, request)
    }

    private func fill(_ editor: inout AgentArticleEditor, from form: URLEncodedForm) {
        editor.title = form["title"] ?? editor.title
        editor.body = form["description"] ?? editor.body
    }

    /// The article as stored (each version's draft in its editor when it has one), with the translation in `other`
    /// beside it (one of the account's other languages; else the first translation, else the first other language).
    private func articlePage(_ agent: PortalSessionService.SignedInAgent, _ article: Article, other: String?,
                             on db: any Database) async throws -> AgentArticlePage {
        let articleID = try article.requireID()
        let translations = try await ArticleStore.translations(of: article, on: db)
        let drafts = try await ArticleDraft.query(on: db).filter(\.$articleID == articleID).all()
        let agents = try await AgentService.names(accountID: agent.session.accountID, on: db)
        let primary = translations.first { $0.language == article.primaryLanguage } ?? translations.first
        let otherLanguages = agent.account.supportedLanguages.filter { $0 != article.primaryLanguage }
        let chosen = other.flatMap { raw in otherLanguages.first { $0.lowercased() == raw.lowercased() } }
            ?? translations.first { $0.language != article.primaryLanguage }?.language ?? otherLanguages.first
        let destinations = try await FolderService.destinations(accountID: agent.session.accountID, on: db)
        let upload = "/agent/kb/articles/\(articleID)/attachments"

        func editor(language: String, published: ArticleTranslation?, action: String, idPrefix: String) async throws -> AgentArticleEditor {
            let draft = drafts.first { $0.language == language }
            var editor = AgentArticleEditor(action: action, csrf: agent.csrf, idPrefix: idPrefix, language: language,
                                            title: draft?.title ?? published?.title ?? "", body: draft?.description ?? published?.description ?? "")
            editor.uploadURL = upload
            editor.baseRevision = try await ArticleRevisionService.latestNumber(of: articleID, language: language, on: db)
            editor.draft = draft.map { draft in
                AgentArticleEditor.DraftNote(agentName: draft.agentID.flatMap { agents[$0] } ?? "an API key",
                                             savedAt: PortalLayout.date(draft.updatedAt),
                                             discardAction: "/agent/kb/articles/\(articleID)/draft/discard", language: language)
            }
            return editor
        }

        var primaryEditor = try await editor(language: article.primaryLanguage, published: primary,
                                             action: "/agent/kb/articles/\(articleID)", idPrefix: "pr")
        primaryEditor.tags = article.tags.joined(separator: ", ")
        primaryEditor.folders = destinations
        primaryEditor.folderID = article.folderID
        primaryEditor.published = article.status == .published
        primaryEditor.schedule = (Self.localTime(article.publishAt), Self.localTime(article.unpublishAt))
        var translation: AgentArticlePage.Translation? = nil
        if let language = chosen {
            let existing = translations.first { $0.language == language }
            var pane = try await editor(language: language, published: existing,
                                        action: "/agent/kb/articles/\(articleID)/translations/\(language)", idPrefix: "tr")
            pane.primary = false
            translation = AgentArticlePage.Translation(
                language: language, isNew: existing == nil,
                choices: otherLanguages.map { choice in (choice, translations.contains { $0.language == choice }) }, editor: pane)
        }
        return AgentArticlePage(csrf: agent.csrf, id: articleID, folderID: article.folderID, primaryTitle: primary?.title,
                                primaryLanguage: article.primaryLanguage, thumbsUp: article.thumbsUp, thumbsDown: article.thumbsDown,
                                primary: primaryEditor, translation: translation)
    }

    /// A time as a `datetime-local` value in UTC (`2030-01-31T09:00`); empty for none.
    static func localTime(_ date: Date?) -> String {
        guard let date else { return "" }
        return String(date.formatted(.iso8601).prefix(16))
    }

    private func respond(_ agent: PortalSessionService.SignedInAgent, _ page: AgentNewArticlePage) -> Response {
        AgentPage.render(agent, title: page.title, section: .kb, error: page.errorMessage,
                         status: page.errors.isEmpty ? .ok : .unprocessableEntity, page.content)
    }

    private func respond(_ agent: PortalSessionService.SignedInAgent, _ page: AgentArticlePage, _ request: Request) -> Response {
        let response = AgentPage.render(agent, title: page.title, section: .kb, flash: page.flash, error: page.errorMessage,
                                        status: page.errors.isEmpty ? page.status : .unprocessableEntity, page.content)
        Self.allowArticleFiles(response, request)
        return response
    }

    /// Lets the agent's browser load the article's files (images of drafts and restricted folders) on this page.
    static func allowArticleFiles(_ response: Response, _ request: Request) {
        guard let token = request.cookies[PortalSessionService.agentCookie]?.string else { return }
        response.cookies[ArticleFileController.agentCookie] = ArticleFileController.cookie(token: token, request: request)
    }
}
