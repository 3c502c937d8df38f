import Fluent
import LanternCore
import Vapor

/// `/agent/kb`: categories, folders (visibility, with a company picker for selected companies), articles (HTML
/// editor with preview, translations side by side, draft / publish, move). Validation is the JSON API's
/// (`FieldErrors`, `ArticleStore.fields`, `SolutionFolderController.visibility/companyIDs`); article HTML is
/// sanitised by `ArticleStore` on the way in, as for the API.
struct AgentKnowledgeBaseController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let kb = routes.grouped("kb")
        kb.get(use: index)
        kb.post("categories", use: createCategory)
        kb.get("categories", ":id", use: category)
        kb.post("categories", ":id", use: updateCategory)
        kb.post("categories", ":id", "delete", use: deleteCategory)
        kb.post("categories", ":id", "folders", use: createFolder)
        kb.get("folders", ":id", use: folder)
        kb.post("folders", ":id", use: updateFolder)
        kb.post("folders", ":id", "delete", use: deleteFolder)
        kb.get("folders", ":id", "articles", "new", use: newArticle)
        kb.post("folders", ":id", "articles", use: createArticle)
        kb.get("articles", ":id", use: article)
        kb.post("articles", ":id", use: updateArticle)
        kb.post("articles", ":id", "translations", ":language", use: saveTranslation)
        kb.post("articles", ":id", "delete", use: deleteArticle)
    }

    static let visibilityLabels: [(FolderVisibility, String)] = [
        (.allUsers, "All users"), (.loggedInUsers, "Logged-in users"), (.agents, "Agents only"),
        (.selectedCompanies, "Selected companies"), (.bots, "Bots"),
    ]

    static func label(_ visibility: FolderVisibility) -> String {
        visibilityLabels.first { $0.0 == visibility }?.1 ?? "Agents only"
    }

    // MARK: Categories

    @Sendable
    func index(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        return try await renderIndex(request, agent: agent, flash: AgentPage.notice(request))
    }

    private func renderIndex(_ request: Request, agent: PortalSessionService.SignedInAgent, flash: String? = nil,
                             errors: FieldErrors? = nil, name: String = "", description: String = "") async throws -> Response {
        let categories = try await SolutionCategory.query(on: request.db).filter(\.$accountID == agent.session.accountID)
            .sort(\.$position).sort(\.$id).all()
        let folders = try await SolutionFolder.query(on: request.db).filter(\.$accountID == agent.session.accountID)
            .sort(\.$position).sort(\.$id).all()
        let counts = try await Self.articleCounts(accountID: agent.session.accountID, on: request.db)
        let byCategory = Dictionary(grouping: folders, by: \.categoryID)
        let list: HTML = categories.isEmpty ? "<p>No categories yet.</p>" : categories.html { category in
            let folderList = byCategory[category.id ?? 0] ?? []
            return """
                <section class="card"><h2><a href="/agent/kb/categories/\(category.id ?? 0)">\(category.name)</a></h2>
                <p class="muted">\(category.description)</p>
                \(folderList.isEmpty ? HTML("<p class=\"muted\">No folders.</p>") : "<ul>\(folderList.html { folder in "<li><a href=\"/agent/kb/folders/\(folder.id ?? 0)\">\(folder.name)</a> <span class=\"badge\">\(Self.label(folder.visibility))</span> <span class=\"muted\">\(counts[folder.id ?? 0] ?? 0) articles</span></li>" })</ul>")
                </section>
                """
        }
        let content: HTML = """
            <h1>Knowledge base</h1>
            \(list)
            <section class="card"><h2>New category</h2>
            \(PortalLayout.form(action: "/agent/kb/categories", csrf: agent.csrf, """
                \(PortalLayout.field("Name", name: "name", value: name, required: true))
                \(PortalLayout.field("Description", name: "description", value: description))
                <div class="actions"><button type="submit">Create category</button></div>
                """))
            </section>
            """
        return AgentPage.render(agent, title: "Knowledge base", section: .kb, flash: flash, error: Self.summary(errors),
                                status: errors == nil ? .ok : .unprocessableEntity, content)
    }

    @Sendable
    func createCategory(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        let form = try await request.collectForm()
        var errors = FieldErrors()
        let name = errors.text(form["name"], "name", required: true)
        let description = errors.freeText(form["description"], "description", maximum: 2000) ?? ""
        guard let name, errors.fields.isEmpty else {
            return try await renderIndex(request, agent: agent, errors: errors, name: form["name"] ?? "", description: form["description"] ?? "")
        }
        let accountID = agent.session.accountID
        let position = try await SolutionCategory.query(on: request.db).filter(\.$accountID == accountID).count() + 1
        let category = SolutionCategory(accountID: accountID, name: name, description: description, position: position)
        try await category.create(on: request.db)
        return seeOther("/agent/kb/categories/\(try category.requireID())?done=created")
    }

    private func loadCategory(_ request: Request) async throws -> (PortalSessionService.SignedInAgent, SolutionCategory) {
        let agent = try request.signedInAgent
        guard let category = try await SolutionCategory.find(try request.portalID("id", "category"), inAccount: agent.session.accountID, on: request.db)
        else { throw PortalError.notFound("category") }
        return (agent, category)
    }

    @Sendable
    func category(request: Request) async throws -> Response {
        let (agent, category) = try await loadCategory(request)
        return try await renderCategory(request, agent: agent, category: category, flash: AgentPage.notice(request))
    }

    private func renderCategory(_ request: Request, agent: PortalSessionService.SignedInAgent, category: SolutionCategory,
                                flash: String? = nil, errors: FieldErrors? = nil, folderForm: PortalForm? = nil) async throws -> Response {
        let categoryID = try category.requireID()
        let folders = try await SolutionFolder.query(on: request.db).filter(\.$categoryID == categoryID).sort(\.$position).sort(\.$id).all()
        let companies = try await Self.companies(agent.session.accountID, on: request.db)
        let content: HTML = """
            <p><a href="/agent/kb">Knowledge base</a> ›</p>
            <h1>Category: \(category.name)</h1>
            <section class="card"><h2>Folders</h2>
            \(folders.isEmpty ? HTML("<p>No folders yet.</p>") : "<ul>\(folders.html { "<li><a href=\"/agent/kb/folders/\($0.id ?? 0)\">\($0.name)</a> <span class=\"badge\">\(Self.label($0.visibility))</span></li>" })</ul>")
            </section>
            <section class="card"><h2>New folder</h2>
            \(PortalLayout.form(action: "/agent/kb/categories/\(categoryID)/folders", csrf: agent.csrf,
                Self.folderFields(name: folderForm?["name"] ?? "", description: folderForm?["description"] ?? "",
                                  visibility: folderForm?["visibility"].flatMap { Int($0) } ?? FolderVisibility.allUsers.rawValue,
                                  selected: Set(folderForm?.integers("company_ids") ?? []), companies: companies)
                + "<div class=\"actions\"><button type=\"submit\">Create folder</button></div>"))
            </section>
            <section class="card"><h2>Edit category</h2>
            \(PortalLayout.form(action: "/agent/kb/categories/\(categoryID)", csrf: agent.csrf, """
                \(PortalLayout.field("Name", name: "name", value: category.name, required: true, id: "cat-name"))
                \(PortalLayout.field("Description", name: "description", value: category.description, id: "cat-description"))
                <div class="actions"><button type="submit">Save category</button></div>
                """))
            \(PortalLayout.form(action: "/agent/kb/categories/\(categoryID)/delete", csrf: agent.csrf,
                "<div class=\"actions\"><button type=\"submit\" class=\"danger\">Delete category, its folders and articles</button></div>"))
            </section>
            """
        return AgentPage.render(agent, title: category.name, section: .kb, flash: flash, error: Self.summary(errors),
                                status: errors == nil ? .ok : .unprocessableEntity, content)
    }

    @Sendable
    func updateCategory(request: Request) async throws -> Response {
        let (agent, category) = try await loadCategory(request)
        let form = try await request.collectForm()
        var errors = FieldErrors()
        let name = errors.text(form["name"], "name", required: true)
        let description = errors.freeText(form["description"], "description", maximum: 2000)
        guard let name, errors.fields.isEmpty else { return try await renderCategory(request, agent: agent, category: category, errors: errors) }
        category.name = name
        if let description { category.description = description }
        try await category.save(on: request.db)
        return seeOther("/agent/kb/categories/\(try category.requireID())?done=saved")
    }

    @Sendable
    func deleteCategory(request: Request) async throws -> Response {
        let (_, category) = try await loadCategory(request)
        try await category.delete(on: request.db)
        return seeOther("/agent/kb?done=deleted")
    }

    // MARK: Folders

    static func folderFields(name: String, description: String, visibility: Int, selected: Set<Int>,
                             companies: [Company], categories: [SolutionCategory] = [], categoryID: Int? = nil) -> HTML {
        let categoryPicker: HTML = categories.isEmpty ? .empty : PortalLayout.select(
            "Category (move the folder)", name: "category_id",
            options: categories.map { (String($0.id ?? 0), $0.name) }, selected: categoryID.map(String.init))
        let companyPicker: HTML = companies.isEmpty
            ? "<p class=\"muted\">No companies yet: <a href=\"/agent/companies\">add one</a> to limit a folder to it.</p>"
            : companies.html { PortalLayout.checkbox($0.name, name: "company_ids", value: String($0.id ?? 0), checked: selected.contains($0.id ?? 0)) }
        return """
            \(PortalLayout.field("Name", name: "name", value: name, required: true, id: "folder-name"))
            \(PortalLayout.field("Description", name: "description", value: description, id: "folder-description"))
            \(categoryPicker)
            <fieldset><legend>Who can see the articles</legend>
            \(visibilityLabels.html { kind, label in
                "<div class=\"check\"><input type=\"radio\" name=\"visibility\" id=\"vis-\(kind.rawValue)\" value=\"\(kind.rawValue)\"\(kind.rawValue == visibility ? " checked" : "")><label for=\"vis-\(kind.rawValue)\">\(label)</label></div>"
            })
            </fieldset>
            <fieldset><legend>Companies (for “Selected companies”)</legend>\(companyPicker)</fieldset>
            """
    }

    /// Checks a folder form with the API's rules.
    private func folderInput(_ form: PortalForm, accountID: Int, on db: any Database, _ errors: inout FieldErrors)
        async throws -> (name: String?, description: String?, visibility: FolderVisibility?, companyIDs: [Int]?) {
        let name = errors.text(form["name"], "name", required: true)
        let description = errors.freeText(form["description"], "description", maximum: 2000)
        let code = form["visibility"].flatMap { Int($0) } ?? -1
        let visibility = SolutionFolderController.visibility(code, &errors)
        var companyIDs: [Int]? = nil
        if let ids = form.integers("company_ids") {
            if visibility == .selectedCompanies {
                companyIDs = try await SolutionFolderController.companyIDs(ids, visibility: visibility, accountID: accountID,
                                                                          required: true, on: db, &errors)
            }
        } else {
            errors.add("company_ids", "must be companies of this account")
        }
        if visibility == .selectedCompanies && (form.integers("company_ids") ?? []).isEmpty {
            errors.add("company_ids", "must name at least one company when visibility is “Selected companies”")
        }
        return (name, description, visibility, companyIDs)
    }

    @Sendable
    func createFolder(request: Request) async throws -> Response {
        let (agent, category) = try await loadCategory(request)
        let form = try await request.collectForm()
        var errors = FieldErrors()
        let input = try await folderInput(form, accountID: agent.session.accountID, on: request.db, &errors)
        guard errors.fields.isEmpty, let name = input.name, let visibility = input.visibility else {
            return try await renderCategory(request, agent: agent, category: category, errors: errors, folderForm: form)
        }
        let categoryID = try category.requireID()
        let accountID = agent.session.accountID
        let description = input.description ?? ""
        let companyIDs = input.companyIDs ?? []
        let folder = try await request.db.writeTransaction { db in
            let position = try await SolutionFolder.query(on: db).filter(\.$categoryID == categoryID).count() + 1
            let folder = SolutionFolder(accountID: accountID, categoryID: categoryID, name: name, description: description,
                                        visibility: visibility, position: position)
            try await folder.create(on: db)
            try await SolutionFolderController.replaceCompanies(of: folder, with: companyIDs, on: db)
            return folder
        }
        return seeOther("/agent/kb/folders/\(try folder.requireID())?done=created")
    }

    private func loadFolder(_ request: Request) async throws -> (PortalSessionService.SignedInAgent, SolutionFolder) {
        let agent = try request.signedInAgent
        guard let folder = try await SolutionFolder.find(try request.portalID("id", "folder"), inAccount: agent.session.accountID, on: request.db)
        else { throw PortalError.notFound("folder") }
        return (agent, folder)
    }

    @Sendable
    func folder(request: Request) async throws -> Response {
        let (agent, folder) = try await loadFolder(request)
        return try await renderFolder(request, agent: agent, folder: folder, flash: AgentPage.notice(request))
    }

    private func renderFolder(_ request: Request, agent: PortalSessionService.SignedInAgent, folder: SolutionFolder,
                              flash: String? = nil, errors: FieldErrors? = nil, form: PortalForm? = nil) async throws -> Response {
        let folderID = try folder.requireID()
        let accountID = agent.session.accountID
        let articles = try await Article.query(on: request.db).filter(\.$folderID == folderID).sort(\.$id).all()
        let translations = try await ArticleTranslation.query(on: request.db).filter(\.$articleID ~~ articles.compactMap(\.id)).all()
        let byArticle = Dictionary(grouping: translations, by: \.articleID)
        let companies = try await Self.companies(accountID, on: request.db)
        let categories = try await SolutionCategory.query(on: request.db).filter(\.$accountID == accountID).sort(\.$position).sort(\.$id).all()
        let selected = try await SolutionFolderController.companyIDs(of: [folderID], on: request.db)[folderID] ?? []
        let category = categories.first { $0.id == folder.categoryID }
        let rows: HTML = articles.html { article in
            let all = byArticle[article.id ?? 0] ?? []
            let primary = all.first { $0.language == article.primaryLanguage } ?? all.first
            return """
                <tr><td><a href="/agent/kb/articles/\(article.id ?? 0)">\(primary?.title ?? "(untitled)")</a></td>
                <td>\(article.status == .published ? "Published" : "Draft")</td>
                <td>\(all.map(\.language).sorted().joined(separator: ", "))</td>
                <td><a href="/agent/kb/articles/\(article.id ?? 0)/feedback">\(article.thumbsUp) helpful · \(article.thumbsDown) not helpful</a></td></tr>
                """
        }
        let content: HTML = """
            <p><a href="/agent/kb">Knowledge base</a> › <a href="/agent/kb/categories/\(folder.categoryID)">\(category?.name ?? "Category")</a> ›</p>
            <h1>Folder: \(folder.name)</h1>
            <p><span class="badge">\(Self.label(folder.visibility))</span></p>
            <section class="card"><h2>Articles</h2>
            <p><a class="button" href="/agent/kb/folders/\(folderID)/articles/new">New article</a></p>
            \(articles.isEmpty ? HTML("<p>No articles yet.</p>") : "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Title</th><th scope=\"col\">Status</th><th scope=\"col\">Languages</th><th scope=\"col\">Feedback</th></tr></thead><tbody>\(rows)</tbody></table></div>")
            </section>
            <section class="card"><h2>Folder settings</h2>
            \(PortalLayout.form(action: "/agent/kb/folders/\(folderID)", csrf: agent.csrf,
                Self.folderFields(name: form?["name"] ?? folder.name, description: form?["description"] ?? folder.description,
                                  visibility: form?["visibility"].flatMap { Int($0) } ?? folder.visibilityCode,
                                  selected: Set(form?.integers("company_ids") ?? selected), companies: companies,
                                  categories: categories, categoryID: form?["category_id"].flatMap { Int($0) } ?? folder.categoryID)
                + "<div class=\"actions\"><button type=\"submit\">Save folder</button></div>"))
            \(PortalLayout.form(action: "/agent/kb/folders/\(folderID)/delete", csrf: agent.csrf,
                "<div class=\"actions\"><button type=\"submit\" class=\"danger\">Delete folder and its articles</button></div>"))
            </section>
            """
        return AgentPage.render(agent, title: folder.name, section: .kb, flash: flash, error: Self.summary(errors),
                                status: errors == nil ? .ok : .unprocessableEntity, content)
    }

    @Sendable
    func updateFolder(request: Request) async throws -> Response {
        let (agent, folder) = try await loadFolder(request)
        let form = try await request.collectForm()
        var errors = FieldErrors()
        let input = try await folderInput(form, accountID: agent.session.accountID, on: request.db, &errors)
        var categoryID = folder.categoryID
        if let raw = form["category_id"] {
            if let id = Int(raw), try await SolutionCategory.find(id, inAccount: agent.session.accountID, on: request.db) != nil {
                categoryID = id
            } else {
                errors.add("category_id", "is not a category of this account")
            }
        }
        guard errors.fields.isEmpty, let name = input.name, let visibility = input.visibility else {
            return try await renderFolder(request, agent: agent, folder: folder, errors: errors, form: form)
        }
        let companyIDs = input.companyIDs ?? []
        let description = input.description
        let newCategoryID = categoryID
        try await request.db.writeTransaction { db in
            folder.name = name
            if let description { folder.description = description }
            folder.visibilityCode = visibility.rawValue
            folder.categoryID = newCategoryID
            try await folder.save(on: db)
            try await SolutionFolderController.replaceCompanies(of: folder, with: visibility == .selectedCompanies ? companyIDs : [], on: db)
        }
        return seeOther("/agent/kb/folders/\(try folder.requireID())?done=saved")
    }

    @Sendable
    func deleteFolder(request: Request) async throws -> Response {
        let (_, folder) = try await loadFolder(request)
        let categoryID = folder.categoryID
        try await folder.delete(on: request.db)
        return seeOther("/agent/kb/categories/\(categoryID)?done=deleted")
    }

    // MARK: Articles

    /// The editor of one language version: title, HTML body, and (for the primary version) tags, folder, status.
    static func editor(action: String, csrf: String, idPrefix: String, language: String, title: String, body: String,
                       tags: String?, folders: [(Int, String)], folderID: Int?, languages: [String]? = nil,
                       preview: String?, status: Article.Status?, primary: Bool = true) -> HTML {
        let languagePicker: HTML = languages.map {
            PortalLayout.select("Language", name: "language", options: $0.map { ($0, $0) }, selected: language, id: "\(idPrefix)-language")
        } ?? .empty
        let folderPicker: HTML = folders.isEmpty ? .empty
            : PortalLayout.select("Folder (move the article)", name: "folder_id", options: folders.map { (String($0.0), $0.1) },
                                  selected: folderID.map(String.init), id: "\(idPrefix)-folder")
        let tagField: HTML = tags.map { PortalLayout.field("Tags (comma-separated)", name: "tags", value: $0, id: "\(idPrefix)-tags") } ?? .empty
        let previewBox: HTML = preview.map {
            "<section class=\"card\" aria-labelledby=\"\(idPrefix)-preview-h\"><h3 id=\"\(idPrefix)-preview-h\">Preview (as customers will see it)</h3><div class=\"article-body\">\(HTML.sanitized($0))</div></section>"
        } ?? .empty
        let statusNote: HTML = status.map { "<p>Status: <span class=\"badge\">\($0 == .published ? "Published" : "Draft")</span></p>" } ?? .empty
        return """
            \(statusNote)
            <form method="post" action="\(action)">\(PortalLayout.csrf(csrf))
            \(languagePicker)
            \(PortalLayout.field("Title", name: "title", value: title, required: true, id: "\(idPrefix)-title"))
            <div class="field"><label for="\(idPrefix)-body">Body (HTML)</label>
            <textarea id="\(idPrefix)-body" name="description" aria-describedby="\(idPrefix)-body-hint" required>\(body)</textarea>
            <small id="\(idPrefix)-body-hint">HTML such as &lt;p&gt;, &lt;h2&gt;, &lt;ul&gt;, &lt;a href&gt;, &lt;img&gt;. Scripts, styles and event handlers are removed when saved.</small></div>
            \(tagField)\(folderPicker)
            <div class="actions">
            <button type="submit" name="action" value="preview" class="secondary">Preview</button>
            \(primary ? HTML("<button type=\"submit\" name=\"action\" value=\"draft\" class=\"secondary\">Save as draft</button><button type=\"submit\" name=\"action\" value=\"publish\">Publish</button>")
                : "<button type=\"submit\" name=\"action\" value=\"save\">Save translation</button>")
            </div>
            </form>
            \(previewBox)
            """
    }

    private func folderOptions(accountID: Int, on db: any Database) async throws -> [(Int, String)] {
        let categories = try await SolutionCategory.query(on: db).filter(\.$accountID == accountID).sort(\.$position).sort(\.$id).all()
        let names = Dictionary(uniqueKeysWithValues: categories.compactMap { c in c.id.map { ($0, c.name) } })
        let folders = try await SolutionFolder.query(on: db).filter(\.$accountID == accountID).sort(\.$categoryID).sort(\.$position).sort(\.$id).all()
        return folders.compactMap { f in f.id.map { ($0, "\(names[f.categoryID] ?? "") › \(f.name)") } }
    }

    @Sendable
    func newArticle(request: Request) async throws -> Response {
        let (agent, folder) = try await loadFolder(request)
        return try await renderNewArticle(request, agent: agent, folder: folder, form: nil)
    }

    private func renderNewArticle(_ request: Request, agent: PortalSessionService.SignedInAgent, folder: SolutionFolder,
                                  form: PortalForm?, errors: FieldErrors? = nil, preview: String? = nil) async throws -> Response {
        let folderID = try folder.requireID()
        let content: HTML = """
            <p><a href="/agent/kb/folders/\(folderID)">\(folder.name)</a> ›</p>
            <h1>New article</h1>
            <section class="card">
            \(Self.editor(action: "/agent/kb/folders/\(folderID)/articles", csrf: agent.csrf, idPrefix: "new",
                          language: form?["language"] ?? agent.account.defaultLanguage, title: form?["title"] ?? "",
                          body: form?["description"] ?? "", tags: form?["tags"] ?? "", folders: [], folderID: nil,
                          languages: agent.account.supportedLanguages, preview: preview, status: nil))
            </section>
            """
        return AgentPage.render(agent, title: "New article", section: .kb, error: Self.summary(errors),
                                status: errors == nil ? .ok : .unprocessableEntity, content)
    }

    private func articleFields(_ form: PortalForm, required: Bool, withTags: Bool, _ errors: inout FieldErrors) -> ArticleStore.Fields {
        let status: Int? = form["action"] == "publish" ? Article.Status.published.rawValue
            : form["action"] == "draft" ? Article.Status.draft.rawValue : nil
        let input = ArticleInput(title: form["title"], description: form["description"], status: status,
                                 tags: withTags ? form.list("tags") : nil, folder_id: nil, language: nil)
        return ArticleStore.fields(input, required: required, errors: &errors)
    }

    @Sendable
    func createArticle(request: Request) async throws -> Response {
        let (agent, folder) = try await loadFolder(request)
        let form = try await request.collectForm()
        var errors = FieldErrors()
        let fields = articleFields(form, required: true, withTags: true, &errors)
        let language = errors.language(form["language"] ?? agent.account.defaultLanguage, "language",
                                       supported: agent.account.supportedLanguages)
        if form["action"] == "preview" || !errors.fields.isEmpty {
            return try await renderNewArticle(request, agent: agent, folder: folder, form: form,
                                              errors: errors.fields.isEmpty ? nil : errors, preview: form["description"] ?? "")
        }
        let (article, _) = try await ArticleStore.create(accountID: agent.session.accountID, folderID: try folder.requireID(),
                                                         language: language!, fields: fields, on: request.db)
        return seeOther("/agent/kb/articles/\(try article.requireID())?done=\(article.status == .published ? "published" : "draft")")
    }

    private func loadArticle(_ request: Request) async throws -> (PortalSessionService.SignedInAgent, Article) {
        let agent = try request.signedInAgent
        guard let article = try await Article.find(try request.portalID("id", "article"), inAccount: agent.session.accountID, on: request.db)
        else { throw PortalError.notFound("article") }
        return (agent, article)
    }

    @Sendable
    func article(request: Request) async throws -> Response {
        let (agent, article) = try await loadArticle(request)
        return try await renderArticle(request, agent: agent, article: article, flash: AgentPage.notice(request),
                                       other: request.queryText("lang"))
    }

    /// The article page: the primary version and one translation side by side.
    private func renderArticle(_ request: Request, agent: PortalSessionService.SignedInAgent, article: Article,
                               flash: String? = nil, errors: FieldErrors? = nil, other: String?,
                               primaryForm: PortalForm? = nil, translationForm: PortalForm? = nil,
                               primaryPreview: String? = nil, translationPreview: String? = nil) async throws -> Response {
        let articleID = try article.requireID()
        let accountID = agent.session.accountID
        let translations = try await ArticleTranslation.query(on: request.db).filter(\.$articleID == articleID).all()
        let primary = translations.first { $0.language == article.primaryLanguage } ?? translations.first
        let otherLanguages = agent.account.supportedLanguages.filter { $0 != article.primaryLanguage }
        let chosen = other.flatMap { raw in otherLanguages.first { $0.lowercased() == raw.lowercased() } }
            ?? translations.first { $0.language != article.primaryLanguage }?.language ?? otherLanguages.first
        let folders = try await folderOptions(accountID: accountID, on: request.db)
        let existing = chosen.flatMap { language in translations.first { $0.language == language } }

        let translationPane: HTML
        if let chosen {
            let switcher: HTML = """
                <form method="get" action="/agent/kb/articles/\(articleID)" class="search">
                \(PortalLayout.select("Translation language", name: "lang", options: otherLanguages.map { language in
                    (language, language + (translations.contains { $0.language == language } ? "" : " (not translated yet)")) }, selected: chosen, id: "lang-switch"))
                <button type="submit" class="secondary">Show</button></form>
                """
            translationPane = """
                <section class="card" aria-labelledby="tr-h"><h2 id="tr-h">Translation: \(chosen)\(existing == nil ? " (new)" : "")</h2>
                \(switcher)
                \(Self.editor(action: "/agent/kb/articles/\(articleID)/translations/\(chosen)", csrf: agent.csrf, idPrefix: "tr",
                              language: chosen, title: translationForm?["title"] ?? existing?.title ?? "",
                              body: translationForm?["description"] ?? existing?.description ?? "", tags: nil, folders: [], folderID: nil,
                              preview: translationPreview, status: nil, primary: false))
                </section>
                """
        } else {
            translationPane = "<section class=\"card\"><h2>Translations</h2><p>The account has no other language.</p></section>"
        }
        let content: HTML = """
            <p><a href="/agent/kb/folders/\(article.folderID)">Back to the folder</a> · <a href="/agent/kb/articles/\(articleID)/feedback">Feedback (\(article.thumbsUp) helpful · \(article.thumbsDown) not helpful)</a></p>
            <h1>\(primary?.title ?? "Article")</h1>
            <div class="side-by-side">
            <section class="card" aria-labelledby="pr-h"><h2 id="pr-h">Primary version: \(article.primaryLanguage)</h2>
            \(Self.editor(action: "/agent/kb/articles/\(articleID)", csrf: agent.csrf, idPrefix: "pr", language: article.primaryLanguage,
                          title: primaryForm?["title"] ?? primary?.title ?? "", body: primaryForm?["description"] ?? primary?.description ?? "",
                          tags: primaryForm?["tags"] ?? article.tags.joined(separator: ", "), folders: folders,
                          folderID: primaryForm?["folder_id"].flatMap { Int($0) } ?? article.folderID, preview: primaryPreview,
                          status: article.status))
            </section>
            \(translationPane)
            </div>
            <section class="card"><h2>Delete</h2>
            \(PortalLayout.form(action: "/agent/kb/articles/\(articleID)/delete", csrf: agent.csrf,
                "<button type=\"submit\" class=\"danger\">Delete this article and its translations</button>"))
            </section>
            """
        return AgentPage.render(agent, title: primary?.title ?? "Article", section: .kb, flash: flash, error: Self.summary(errors),
                                status: errors == nil ? .ok : .unprocessableEntity, content)
    }

    @Sendable
    func updateArticle(request: Request) async throws -> Response {
        let (agent, article) = try await loadArticle(request)
        let form = try await request.collectForm()
        var errors = FieldErrors()
        let fields = articleFields(form, required: true, withTags: true, &errors)
        var destination: Int? = nil
        if let raw = form["folder_id"] {
            if let id = Int(raw), try await SolutionFolder.find(id, inAccount: agent.session.accountID, on: request.db) != nil {
                destination = id
            } else {
                errors.add("folder_id", "is not a folder of this account")
            }
        }
        if form["action"] == "preview" || !errors.fields.isEmpty {
            return try await renderArticle(request, agent: agent, article: article, errors: errors.fields.isEmpty ? nil : errors,
                                           other: request.queryText("lang"), primaryForm: form, primaryPreview: form["description"] ?? "")
        }
        _ = try await ArticleStore.update(article, fields: fields, folderID: destination, on: request.db)
        return seeOther("/agent/kb/articles/\(try article.requireID())?done=\(article.status == .published ? "published" : "draft")")
    }

    @Sendable
    func saveTranslation(request: Request) async throws -> Response {
        let (agent, article) = try await loadArticle(request)
        let form = try await request.collectForm()
        var errors = FieldErrors()
        let raw = request.parameters.get("language") ?? ""
        let language = errors.language(raw, "language", supported: agent.account.supportedLanguages)
        if language == article.primaryLanguage { errors.add("language", "is the primary language; edit the primary version") }
        var fields = articleFields(form, required: true, withTags: false, &errors)
        // Publishing and drafting apply to the whole article, on the primary version; a translation is just saved.
        fields.status = nil
        if form["action"] == "preview" || !errors.fields.isEmpty {
            return try await renderArticle(request, agent: agent, article: article, errors: errors.fields.isEmpty ? nil : errors,
                                           other: raw, translationForm: form, translationPreview: form["description"] ?? "")
        }
        if try await ArticleStore.translation(of: article, in: language!, on: request.db) == nil {
            _ = try await ArticleStore.addTranslation(to: article, language: language!, fields: fields, on: request.db)
        } else {
            _ = try await ArticleStore.update(article, language: language!, fields: fields, folderID: nil, on: request.db)
        }
        return seeOther("/agent/kb/articles/\(try article.requireID())?lang=\(language!)&done=saved")
    }

    @Sendable
    func deleteArticle(request: Request) async throws -> Response {
        let (_, article) = try await loadArticle(request)
        let folderID = article.folderID
        try await article.delete(on: request.db)
        return seeOther("/agent/kb/folders/\(folderID)?done=deleted")
    }

    // MARK: Helpers

    static func summary(_ errors: FieldErrors?) -> String? {
        guard let errors, !errors.fields.isEmpty else { return nil }
        let names = ["name": "Name", "description": "Body / description", "title": "Title", "visibility": "Visibility",
                     "company_ids": "Companies", "language": "Language", "tags": "Tags", "folder_id": "Folder", "category_id": "Category",
                     "email": "E-mail", "password": "Password", "domains": "Domains", "allowed_origins": "Allowed origins",
                     "default_language": "Default language", "category_ids": "Categories", "role": "Role"]
        return "Please correct: " + errors.fields.keys.sorted().map { "\(names[$0] ?? $0) \(errors.fields[$0]!)" }.joined(separator: "; ") + "."
    }

    static func companies(_ accountID: Int, on db: any Database) async throws -> [Company] {
        try await Company.query(on: db).filter(\.$accountID == accountID).sort(\.$name).limit(1000).all()
    }

    static func articleCounts(accountID: Int, on db: any Database) async throws -> [Int: Int] {
        let rows = try await db.sql.raw("SELECT folder_id, COUNT(*) AS n FROM articles WHERE account_id = \(bind: accountID) GROUP BY folder_id").all()
        var counts: [Int: Int] = [:]
        for row in rows { counts[try row.decode(column: "folder_id", as: Int.self)] = try row.decode(column: "n", as: Int.self) }
        return counts
    }
}
