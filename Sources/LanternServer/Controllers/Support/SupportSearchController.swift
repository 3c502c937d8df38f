import LanternCore
import Vapor

/// `/support/search?term=`: the reader's search, with typo correction, through the account's search index.
struct SupportSearchController: RouteCollection {
    static let maximumTermLength = 500
    static let hitsShown = 30

    func boot(routes: any RoutesBuilder) throws {
        routes.get("search", use: search)
    }

    @Sendable
    func search(request: Request) async throws -> Response {
        let context = try request.supportContext
        let term = String((request.queryText("term") ?? "").prefix(Self.maximumTermLength))
        var query = SearchQuery(term)
        var hits: [KnowledgeBaseReader.Hit] = [], total = 0
        if !query.isEmpty {
            let clock = ContinuousClock()
            let started = clock.now
            let tools = try await request.searchTools(scope: context.scope)
            defer { request.application.metrics.searched(duration: clock.now - started, source: "support", engine: tools.engine.rawValue) }
            query = query.corrected(by: tools.corrector)
            (hits, total) = try await KnowledgeBaseReader.search(context.scope, query: query, page: PageRequest(page: 1, perPage: Self.hitsShown),
                                                                    index: tools.index, on: request.db)
            request.recordSupportEvent(.search) { [total, engine = tools.index == nil ? "database" : "memory"] in
                $0.query = AnalyticsQuery.normalise(term)
                $0.results = total
                $0.engine = engine
            }
        }
        let page = SupportSearchPage(frame: context.frame(for: request), term: term, total: total, hits: SupportArticleList(hits))
        return context.respond(page.render(), to: request)
    }
}
