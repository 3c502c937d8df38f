import Vapor

/// `/support` (also `/support/home` and `/support/solutions`) and `/support/solutions/folders/{id}`: the knowledge
/// base as the reader may see it (`KnowledgeBaseReader`, the widget's rules).
struct SupportKnowledgeBaseController: RouteCollection {
    static let articlesPerPage = 30

    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
        routes.get("home", use: home)
        routes.get("solutions", use: home)
        routes.get("solutions", "folders", ":id", use: folder)
    }

    @Sendable
    func home(request: Request) async throws -> Response {
        let context = try request.supportContext
        let tree = try await KnowledgeBaseReader.tree(context.scope, on: request.db)
        let page = SupportHomePage(
            frame: context.frame(for: request),
            categories: tree.map { category in
                .init(name: category.name, description: category.description,
                      folders: category.folders.map { .init(id: $0.id, name: $0.name, articleCount: $0.articleCount) })
            },
            signedOut: request.queryText("done") == "signed-out")
        return context.respond(page.render(), to: request)
    }

    @Sendable
    func folder(request: Request) async throws -> Response {
        let context = try request.supportContext
        let id = try request.portalID("id", "folder")
        let tree = try await KnowledgeBaseReader.tree(context.scope, on: request.db)
        guard let folder = tree.flatMap(\.folders).first(where: { $0.id == id }) else {
            throw PortalError(status: .notFound, title: "Not found", message: "This folder does not exist or you may not see it.")
        }
        let paging = PageRequest.portal(request, perPage: Self.articlesPerPage)
        let (hits, total) = try await KnowledgeBaseReader.list(context.scope, folderID: id, categoryID: nil, page: paging, on: request.db)
        let page = SupportFolderPage(frame: context.frame(for: request), id: id, name: folder.name, description: folder.description,
                                     articles: SupportArticleList(hits), nextPage: paging.page * paging.perPage < total ? paging.page + 1 : nil)
        return context.respond(page.render(), to: request)
    }
}
