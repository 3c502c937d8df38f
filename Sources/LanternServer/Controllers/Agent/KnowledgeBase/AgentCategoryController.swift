import Fluent
import LanternCore
import Vapor

/// `/agent/kb` and `/agent/kb/categories/{id}`: the knowledge base's start page (categories and their folders) and
/// a category's page, with the forms on them: new category, edit and delete a category, new folder in it. The
/// rules are `CategoryService`'s and `FolderService`'s, as for the JSON API; a refused form comes back filled in
/// with a 422.
struct AgentCategoryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let kb = routes.grouped("kb")
        kb.get(use: index)
        kb.post("categories", use: create)
        kb.get("categories", ":id", use: show)
        kb.post("categories", ":id", use: update)
        kb.post("categories", ":id", "delete", use: delete)
        kb.post("categories", ":id", "folders", use: createFolder)
    }

    @Sendable
    func index(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        var page = try await indexPage(agent, on: request.db)
        page.flash = AgentPage.notice(request)
        return respond(agent, page)
    }

    @Sendable
    func create(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        let form = try await request.collectForm()
        do {
            let category = try await CategoryService.create(accountID: agent.session.accountID,
                                                            CategoryInput(name: form["name"], description: form["description"]),
                                                            on: request.db)
            return seeOther("/agent/kb/categories/\(try category.requireID())?done=created")
        } catch let error as AppError where error.code == .validationFailed {
            var page = try await indexPage(agent, on: request.db)
            (page.newName, page.newDescription, page.errors) = (form["name"] ?? "", form["description"] ?? "", error.fields ?? [:])
            return respond(agent, page)
        }
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let (agent, category) = try await load(request)
        var page = try await categoryPage(agent, category, on: request.db)
        page.flash = AgentPage.notice(request)
        return respond(agent, page)
    }

    @Sendable
    func update(request: Request) async throws -> Response {
        let (agent, category) = try await load(request)
        let form = try await request.collectForm()
        do {
            try await CategoryService.update(category, CategoryInput(name: form["name"], description: form["description"]),
                                             nameRequired: true, on: request.db)
            return seeOther("/agent/kb/categories/\(try category.requireID())?done=saved")
        } catch let error as AppError where error.code == .validationFailed {
            var page = try await categoryPage(agent, category, on: request.db)
            page.errors = error.fields ?? [:]
            return respond(agent, page)
        }
    }

    @Sendable
    func delete(request: Request) async throws -> Response {
        let (_, category) = try await load(request)
        try await CategoryService.delete(category, on: request.db)
        return seeOther("/agent/kb?done=deleted")
    }

    /// The new-folder form: a visibility and, for selected companies, the ticked companies. Unticked boxes of
    /// another visibility are ignored.
    @Sendable
    func createFolder(request: Request) async throws -> Response {
        let (agent, category) = try await load(request)
        let form = try await request.collectForm()
        var problems = FieldErrors()
        let companyIDs = form.integers("company_ids")
        if companyIDs == nil { problems.add("company_ids", "must be companies of this account") }
        // A form without a (readable) visibility is refused as an unknown one.
        let visibility = form["visibility"].flatMap { Int($0) } ?? -1
        let input = FolderInput(name: form["name"], description: form["description"], visibility: visibility,
                                company_ids: visibility == FolderVisibility.selectedCompanies.rawValue ? companyIDs : nil,
                                category_id: nil)
        do {
            let (folder, _) = try await FolderService.create(in: category, input, problems: problems, on: request.db)
            return seeOther("/agent/kb/folders/\(try folder.requireID())?done=created")
        } catch let error as AppError where error.code == .validationFailed {
            var page = try await categoryPage(agent, category, on: request.db)
            page.newFolder.name = form["name"] ?? ""
            page.newFolder.description = form["description"] ?? ""
            page.newFolder.visibility = form["visibility"].flatMap { Int($0) } ?? FolderVisibility.allUsers.rawValue
            page.newFolder.selectedCompanyIDs = Set(companyIDs ?? [])
            page.errors = error.fields ?? [:]
            return respond(agent, page)
        }
    }

    private func load(_ request: Request) async throws -> (PortalSessionService.SignedInAgent, SolutionCategory) {
        let agent = try request.signedInAgent
        guard let category = try await CategoryService.find(try request.portalID("id", "category"), accountID: agent.session.accountID,
                                                            on: request.db)
        else { throw PortalError.notFound("category") }
        return (agent, category)
    }

    private func indexPage(_ agent: PortalSessionService.SignedInAgent, on db: any Database) async throws -> AgentKnowledgeBasePage {
        let accountID = agent.session.accountID
        let categories = try await CategoryService.all(accountID: accountID, on: db)
        let folders = Dictionary(grouping: try await FolderService.all(accountID: accountID, on: db), by: \.categoryID)
        let counts = try await FolderService.articleCounts(accountID: accountID, on: db)
        return AgentKnowledgeBasePage(csrf: agent.csrf, categories: categories.map { category in
            AgentKnowledgeBasePage.Category(
                id: category.id ?? 0, name: category.name, description: category.description,
                folders: (folders[category.id ?? 0] ?? []).map { folder in
                    .init(id: folder.id ?? 0, name: folder.name, visibility: folder.visibility, articleCount: counts[folder.id ?? 0] ?? 0)
                })
        })
    }

    private func categoryPage(_ agent: PortalSessionService.SignedInAgent, _ category: SolutionCategory,
                              on db: any Database) async throws -> AgentCategoryPage {
        let categoryID = try category.requireID()
        let folders = try await FolderService.all(in: categoryID, on: db)
        let companies = try await CompanyService.allByName(accountID: agent.session.accountID, on: db)
        return AgentCategoryPage(
            csrf: agent.csrf, id: categoryID, name: category.name, description: category.description,
            folders: folders.map { .init(id: $0.id ?? 0, name: $0.name, visibility: $0.visibility) },
            newFolder: AgentFolderFields(companies: companies.map { ($0.id ?? 0, $0.name) }))
    }

    private func respond(_ agent: PortalSessionService.SignedInAgent, _ page: AgentKnowledgeBasePage) -> Response {
        AgentPage.render(agent, title: page.title, section: .kb, flash: page.flash, error: page.errorMessage,
                         status: page.errors.isEmpty ? .ok : .unprocessableEntity, page.content)
    }

    private func respond(_ agent: PortalSessionService.SignedInAgent, _ page: AgentCategoryPage) -> Response {
        AgentPage.render(agent, title: page.title, section: .kb, flash: page.flash, error: page.errorMessage,
                         status: page.errors.isEmpty ? .ok : .unprocessableEntity, page.content)
    }
}
