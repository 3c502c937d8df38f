import Fluent
import LanternCore
import Vapor

/// `/agent/kb/folders/{id}`: a folder's page (its articles) with its settings form (name, description,
/// visibility with a company picker for selected companies, category to move it to) and delete form. The rules
/// are `FolderService`'s, as for the JSON API; a refused form comes back filled in with a 422.
struct AgentFolderController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let folders = routes.grouped("kb", "folders")
        folders.get(":id", use: show)
        folders.post(":id", use: update)
        folders.post(":id", "delete", use: delete)
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let (agent, folder) = try await load(request)
        var page = try await folderPage(agent, folder, on: request.db)
        page.flash = AgentPage.notice(request)
        return respond(agent, page)
    }

    /// The settings form always carries every field; company boxes count only for selected companies.
    @Sendable
    func update(request: Request) async throws -> Response {
        let (agent, folder) = try await load(request)
        let form = try await request.collectForm()
        var problems = FieldErrors()
        let companyIDs = form.integers("company_ids")
        if companyIDs == nil { problems.add("company_ids", "must be companies of this account") }
        var categoryID: Int? = nil
        if let raw = form["category_id"] {
            categoryID = Int(raw)
            if categoryID == nil { problems.add("category_id", "is not a category of this account") }
        }
        // A form without a (readable) visibility is refused as an unknown one.
        let visibility = form["visibility"].flatMap { Int($0) } ?? -1
        let input = FolderInput(name: form["name"], description: form["description"], visibility: visibility,
                                company_ids: visibility == FolderVisibility.selectedCompanies.rawValue ? companyIDs : nil,
                                category_id: categoryID)
        do {
            try await FolderService.update(folder, input, nameRequired: true, problems: problems, on: request.db)
            return seeOther("/agent/kb/folders/\(try folder.requireID())?done=saved")
        } catch let error as AppError where error.code == .validationFailed {
            var page = try await folderPage(agent, folder, on: request.db)
            page.settings.name = form["name"] ?? folder.name
            page.settings.description = form["description"] ?? folder.description
            page.settings.visibility = form["visibility"].flatMap { Int($0) } ?? folder.visibilityCode
            page.settings.selectedCompanyIDs = companyIDs.map(Set.init) ?? page.settings.selectedCompanyIDs
            page.settings.categoryID = form["category_id"].flatMap { Int($0) } ?? folder.categoryID
            page.errors = error.fields ?? [:]
            return respond(agent, page)
        }
    }

    @Sendable
    func delete(request: Request) async throws -> Response {
        let (_, folder) = try await load(request)
        let categoryID = folder.categoryID
        try await FolderService.delete(folder, on: request.db)
        return seeOther("/agent/kb/categories/\(categoryID)?done=deleted")
    }

    private func load(_ request: Request) async throws -> (PortalSessionService.SignedInAgent, SolutionFolder) {
        let agent = try request.signedInAgent
        guard let folder = try await FolderService.find(try request.portalID("id", "folder"), accountID: agent.session.accountID,
                                                        on: request.db)
        else { throw PortalError.notFound("folder") }
        return (agent, folder)
    }

    /// The page with the folder as stored.
    private func folderPage(_ agent: PortalSessionService.SignedInAgent, _ folder: SolutionFolder,
                            on db: any Database) async throws -> AgentFolderPage {
        let folderID = try folder.requireID()
        let accountID = agent.session.accountID
        let articles = try await ArticleStore.all(in: folderID, on: db)
        let companies = try await CompanyService.allByName(accountID: accountID, on: db)
        let categories = try await CategoryService.all(accountID: accountID, on: db)
        let selected = try await FolderService.companyIDs(of: [folderID], on: db)[folderID] ?? []
        let settings = AgentFolderFields(name: folder.name, description: folder.description, visibility: folder.visibilityCode,
                                         selectedCompanyIDs: Set(selected), companies: companies.map { ($0.id ?? 0, $0.name) },
                                         categories: categories.map { ($0.id ?? 0, $0.name) }, categoryID: folder.categoryID)
        return AgentFolderPage(
            csrf: agent.csrf, id: folderID, name: folder.name, visibility: folder.visibility, categoryID: folder.categoryID,
            categoryName: categories.first { $0.id == folder.categoryID }?.name,
            articles: articles.map { listed in
                .init(id: listed.article.id ?? 0, title: listed.primary?.title, published: listed.article.status == .published,
                      languages: listed.languages, thumbsUp: listed.article.thumbsUp, thumbsDown: listed.article.thumbsDown)
            },
            settings: settings)
    }

    private func respond(_ agent: PortalSessionService.SignedInAgent, _ page: AgentFolderPage) -> Response {
        AgentPage.render(agent, title: page.title, section: .kb, flash: page.flash, error: page.errorMessage,
                         status: page.errors.isEmpty ? .ok : .unprocessableEntity, page.content)
    }
}
