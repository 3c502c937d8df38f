import Vapor

/// `GET/PUT /api/v2/widgets/{id}/suggestions` (admins): the widget's page rules, first match wins.
struct PageRulesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let suggestions = routes.grouped("widgets", ":id", "suggestions")
        suggestions.get(use: show)
        suggestions.put(use: replace)
    }

    /// A rule as the API shows it: `articles` or `search`, never both.
    struct RuleDTO: Content {
        let match: String
        let pattern: String
        let articles: [Int]?
        let search: String?

        init(_ rule: PageRuleService.Rule) {
            match = rule.pattern.kind.rawValue
            pattern = rule.pattern.pattern
            articles = rule.search == nil ? rule.articleIDs : nil
            search = rule.search
        }
    }

    struct RulesDTO: Content {
        let rules: [RuleDTO]
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let widgetID = try await ownedWidgetID(request)
        return try ok(RulesDTO(rules: try await PageRuleService.rules(widgetID: widgetID, on: request.db).map(RuleDTO.init)))
    }

    @Sendable
    func replace(request: Request) async throws -> Response {
        let widgetID = try await ownedWidgetID(request)
        let input = try request.decodeBody(PageRulesInput.self)
        let rules = try await PageRuleService.replace(widgetID: widgetID, accountID: try request.apiCaller.accountID, with: input,
                                                      on: request.db)
        return try ok(RulesDTO(rules: rules.map(RuleDTO.init)))
    }

    private func ownedWidgetID(_ request: Request) async throws -> Int {
        let caller = try request.apiCaller
        guard let widget = try await WidgetService.find(try request.id(notFound: .widgetNotFound), accountID: caller.accountID,
                                                        on: request.db)
        else { throw AppError.widgetNotFound }
        return try widget.requireID()
    }
}
