import Foundation
import LanternCore
import Vapor

/// `/agent/analytics…`: the reports for agents, with server-drawn charts and their figures (`AnalyticsReports`).
struct AgentAnalyticsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let analytics = routes.grouped("analytics")
        analytics.get(use: deflection)
        analytics.get("search", use: search)
        analytics.get("articles", use: articles)
        analytics.get("suggestions", use: suggestions)
    }

    @Sendable
    func deflection(request: Request) async throws -> Response {
        let (agent, period, frame) = try await load(request, .deflection)
        let report = try await AnalyticsReports.deflection(period, on: request.db)
        let page = AgentDeflectionReportPage(
            frame: frame, visits: report.visits, deflected: report.deflected, deflectionRate: report.deflectionRate, tickets: report.tickets,
            ticketsPer100Visits: report.ticketsPer100Visits,
            days: report.byDay.map { .init(date: $0.day.description, visits: $0.visits, deflected: $0.deflected, tickets: $0.tickets) })
        return AgentPage.render(agent, title: page.title, section: .analytics, page.content)
    }

    @Sendable
    func search(request: Request) async throws -> Response {
        let (agent, period, frame) = try await load(request, .search)
        let report = try await AnalyticsReports.search(period, on: request.db)
        let rows = { (list: [AnalyticsReports.QueryCount]) in list.map { AgentSearchReportPage.Query(query: $0.query, count: $0.count, clicks: $0.clicks) } }
        let page = AgentSearchReportPage(
            frame: frame, searches: report.searches, withResults: report.withResults, clicks: report.clicks, ctr: report.ctr,
            meanClickRank: report.meanClickRank, topQueries: rows(report.topQueries), noResults: rows(report.noResults),
            noClick: rows(report.noClick),
            days: report.byDay.map { .init(date: $0.day.description, searches: $0.searches, noResults: $0.noResults) })
        return AgentPage.render(agent, title: page.title, section: .analytics, page.content)
    }

    @Sendable
    func articles(request: Request) async throws -> Response {
        let (agent, period, frame) = try await load(request, .articles)
        let leastHelpful = request.queryText("order") == AnalyticsReports.ArticleOrder.leastHelpful.rawValue
        let rows = try await AnalyticsReports.articles(period, order: leastHelpful ? .leastHelpful : .mostViewed, on: request.db)
        let page = AgentArticlesReportPage(frame: frame, leastHelpful: leastHelpful, rows: rows.map {
            .init(id: $0.id, title: $0.title, views: $0.views, thumbsUp: $0.thumbsUp, thumbsDown: $0.thumbsDown)
        })
        return AgentPage.render(agent, title: page.title, section: .analytics, page.content)
    }

    @Sendable
    func suggestions(request: Request) async throws -> Response {
        let (agent, period, frame) = try await load(request, .suggestions)
        let rows = try await AnalyticsReports.suggestions(period, on: request.db)
        let page = AgentSuggestionsReportPage(frame: frame, rows: rows.map { row in
            .init(source: row.source, rule: row.match.flatMap { match in row.pattern.map { "\(match) \($0)" } },
                  shown: row.shown, clicked: row.clicked, clickRate: row.clickRate)
        })
        return AgentPage.render(agent, title: page.title, section: .analytics, page.content)
    }

    /// The agent, the period of the query (a wrong one is a 422 page naming the problem) and the page's frame.
    private func load(_ request: Request, _ report: AnalyticsReportFrame.Report) async throws
        -> (PortalSessionService.SignedInAgent, AnalyticsPeriod, AnalyticsReportFrame) {
        let agent = try request.signedInAgent
        let accountID = agent.session.accountID
        let widgets = try await WidgetService.all(accountID: accountID, on: request.db)
        let period: AnalyticsPeriod
        do {
            period = try await AnalyticsPeriod.read(accountID: accountID, from: request.queryText("from"), to: request.queryText("to"),
                                                    widgetID: request.queryText("widget_id"), today: AnalyticsDay(Date())) { id in
                widgets.contains { $0.id == id }
            }
        } catch let error as AppError where error.code == .validationFailed {
            throw PortalError(status: .unprocessableEntity, title: "Report period", message: FormErrorSummary.text(error.fields) ?? error.message)
        }
        let frame = AnalyticsReportFrame(report: report, from: period.from.description, to: period.to.description, widgetID: period.widgetID,
                                         widgets: widgets.map { .init(id: $0.id ?? 0, name: $0.name) })
        return (agent, period, frame)
    }
}
