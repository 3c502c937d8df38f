import LanternCore
import Vapor

/// `/agent/widgets/{id}/suggestions` (admins): the widget's page rules as a form, saved by `PageRuleService`
/// with the API's rules.
struct AgentPageRulesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("widgets", ":id", "suggestions", use: show)
        routes.post("widgets", ":id", "suggestions", use: save)
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let (agent, widget) = try await AgentWidgetController.load(request)
        let widgetID = try widget.requireID()
        let rules = try await PageRuleService.rules(widgetID: widgetID, on: request.db)
        let page = AgentPageRulesPage(widgetID: widgetID, widgetName: widget.name, csrf: agent.csrf, rows: rules.map { rule in
            .init(match: rule.pattern.kind.rawValue, pattern: rule.pattern.pattern,
                  articles: rule.articleIDs.map(String.init).joined(separator: ", "), search: rule.search ?? "")
        }, flash: AgentPage.notice(request))
        return page.render(agent)
    }

    /// Rows with an empty pattern are left out; a row gives articles when its ids are filled in, else its search.
    @Sendable
    func save(request: Request) async throws -> Response {
        let (agent, widget) = try await AgentWidgetController.load(request)
        let widgetID = try widget.requireID()
        let form = try await request.collectForm()
        let (matches, patterns, articles, searches) = (form.all("match"), form.all("pattern"), form.all("articles"), form.all("search"))
        var rows: [AgentPageRulesPage.Row] = []
        for index in patterns.indices where !patterns[index].trimmingCharacters(in: .whitespaces).isEmpty {
            rows.append(.init(match: index < matches.count ? matches[index] : "", pattern: patterns[index].trimmingCharacters(in: .whitespaces),
                              articles: index < articles.count ? articles[index] : "", search: index < searches.count ? searches[index] : ""))
        }
        var problems: [String] = []
        let rules = rows.enumerated().map { index, row -> PageRulesInput.Rule in
            let ids = row.articles.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let numbers = ids.compactMap { Int($0) }
            if numbers.count != ids.count { problems.append("rule \(index + 1): article ids must be whole numbers, comma-separated") }
            let search = row.search.trimmingCharacters(in: .whitespaces)
            return PageRulesInput.Rule(match: row.match, pattern: row.pattern, articles: ids.isEmpty ? nil : numbers,
                                       search: ids.isEmpty && !search.isEmpty ? search : nil)
        }
        if problems.isEmpty {
            do {
                _ = try await PageRuleService.replace(widgetID: widgetID, accountID: agent.session.accountID,
                                                      with: PageRulesInput(rules: rules), on: request.db)
                return seeOther("/agent/widgets/\(widgetID)/suggestions?done=saved")
            } catch let error as AppError where error.code == .validationFailed {
                problems = (error.fields ?? [:]).sorted { $0.key < $1.key }.map(\.value)
            }
        }
        return AgentPageRulesPage(widgetID: widgetID, widgetName: widget.name, csrf: agent.csrf, rows: rows, problems: problems).render(agent)
    }
}
