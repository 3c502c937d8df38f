import Fluent
import LanternCore
import Vapor

/// `GET /api/v2/solutions/search?term=Q` (and `GET /api/v2/search/solutions?term=Q`, where Freshdesk's clients call
/// it): knowledge-base search for API callers. Bot keys search all-users and
/// bots folders; agents search everything. Published articles only, in the account's default language unless
/// `language` says otherwise.
struct SolutionSearchController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("solutions", "search", use: search)
        routes.get("search", "solutions", use: search)
    }

    @Sendable
    func search(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        let account = try await request.account(of: caller)
        let page = try PageRequest(from: request)
        var errors = FieldErrors()
        let term = request.queryText("term") ?? ""
        if term.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { errors.add("term", "is required") }
        let language = errors.language(request.queryText("language"), "language", supported: account.supportedLanguages)
        try errors.throwIfAny()
        let scope = ReadingScope(accountID: caller.accountID, categoryIDs: [], viewer: caller.role == .bot ? .bot : .agent,
                                 language: language ?? account.defaultLanguage, accountLanguages: account.supportedLanguages)
        let clock = ContinuousClock()
        let started = clock.now
        let tools = try await request.searchTools(scope: scope)
        let query = SearchQuery(term).corrected(by: tools.corrector)
        // One row more than the page, so that `Page` knows whether another follows.
        let result = try await KnowledgeBaseReader.search(scope, query: query, page: PageRequest(perPage: page.perPage + 1),
                                                          offset: page.offset,
                                                          index: tools.index,
                                                          on: request.db)
        request.application.metrics.searched(duration: clock.now - started, source: "api", engine: tools.engine.rawValue)
        return try Page(fetched: result.hits, request: page).map(WidgetContentController.HitDTO.init)
            .response(for: request, pageRequest: page)
    }
}
