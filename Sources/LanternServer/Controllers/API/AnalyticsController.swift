import LanternCore
import Vapor

/// `/api/v2/analytics/{search,articles,suggestions,deflection}` (agents): the reports, for
/// `?from=YYYY-MM-DD&to=YYYY-MM-DD[&widget_id=N][&format=csv]` (default: the last 30 days, every widget).
struct AnalyticsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let analytics = routes.grouped("analytics")
        analytics.get("search", use: search)
        analytics.get("articles", use: articles)
        analytics.get("suggestions", use: suggestions)
        analytics.get("deflection", use: deflection)
    }

    struct QueryDTO: Content {
        let query: String
        let count: Int
        let clicks: Int
    }

    struct QueryCountDTO: Content {
        let query: String
        let count: Int
    }

    struct SearchDayDTO: Content {
        let date: String
        let searches: Int
        let no_results: Int
    }

    struct SearchDTO: Content {
        let searches: Int
        let with_results: Int
        let clicks: Int
        let ctr: Double
        let mean_click_rank: Double?
        let top_queries: [QueryDTO]
        let no_results: [QueryCountDTO]
        let no_click: [QueryCountDTO]
        let by_day: [SearchDayDTO]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(searches, forKey: .searches)
            try container.encode(with_results, forKey: .with_results)
            try container.encode(clicks, forKey: .clicks)
            try container.encode(ctr, forKey: .ctr)
            try container.encode(mean_click_rank, forKey: .mean_click_rank)
            try container.encode(top_queries, forKey: .top_queries)
            try container.encode(no_results, forKey: .no_results)
            try container.encode(no_click, forKey: .no_click)
            try container.encode(by_day, forKey: .by_day)
        }
    }

    struct ArticleDTO: Content {
        let id: Int
        let title: String
        let views: Int
        let thumbs_up: Int
        let thumbs_down: Int
    }

    struct ArticlesDTO: Content {
        let articles: [ArticleDTO]
    }

    struct SuggestionRowDTO: Content {
        let source: String
        let match: String?
        let pattern: String?
        let shown: Int
        let clicked: Int
        let click_rate: Double

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(source, forKey: .source)
            try container.encode(match, forKey: .match)
            try container.encode(pattern, forKey: .pattern)
            try container.encode(shown, forKey: .shown)
            try container.encode(clicked, forKey: .clicked)
            try container.encode(click_rate, forKey: .click_rate)
        }
    }

    struct SuggestionsDTO: Content {
        let shown: Int
        let clicked: Int
        let click_rate: Double
        let rules: [SuggestionRowDTO]
    }

    struct DeflectionDayDTO: Content {
        let date: String
        let visits: Int
        let deflected: Int
        let tickets: Int
    }

    struct DeflectionDTO: Content {
        let visits: Int
        let deflected: Int
        let deflection_rate: Double
        let tickets: Int
        let tickets_per_100_visits: Double
        let by_day: [DeflectionDayDTO]
    }

    @Sendable
    func search(request: Request) async throws -> Response {
        let period = try await Self.period(request)
        let csv = try Self.wantsCSV(request)
        let report = try await AnalyticsReports.search(period, limit: csv ? 10_000 : AnalyticsReports.listLength, on: request.db)
        if csv {
            var table = CSVTable(header: ["query", "count", "clicks"])
            for row in report.topQueries { table.append([row.query, String(row.count), String(row.clicks)]) }
            return Self.csv(table, name: "search", period)
        }
        return try ok(SearchDTO(
            searches: report.searches, with_results: report.withResults, clicks: report.clicks, ctr: report.ctr,
            mean_click_rank: report.meanClickRank,
            top_queries: report.topQueries.map { QueryDTO(query: $0.query, count: $0.count, clicks: $0.clicks) },
            no_results: report.noResults.map { QueryCountDTO(query: $0.query, count: $0.count) },
            no_click: report.noClick.map { QueryCountDTO(query: $0.query, count: $0.count) },
            by_day: report.byDay.map { SearchDayDTO(date: $0.day.description, searches: $0.searches, no_results: $0.noResults) }))
    }

    @Sendable
    func articles(request: Request) async throws -> Response {
        let period = try await Self.period(request)
        let csv = try Self.wantsCSV(request)
        let orderText = request.queryText("order") ?? AnalyticsReports.ArticleOrder.mostViewed.rawValue
        guard let order = AnalyticsReports.ArticleOrder(rawValue: orderText) else {
            throw AppError.validation(["order": "must be most_viewed or least_helpful"])
        }
        let rows = try await AnalyticsReports.articles(period, order: order, on: request.db)
        if csv {
            var table = CSVTable(header: ["id", "title", "views", "thumbs_up", "thumbs_down"])
            for row in rows { table.append([String(row.id), row.title, String(row.views), String(row.thumbsUp), String(row.thumbsDown)]) }
            return Self.csv(table, name: "articles", period)
        }
        return try ok(ArticlesDTO(articles: rows.map {
            ArticleDTO(id: $0.id, title: $0.title, views: $0.views, thumbs_up: $0.thumbsUp, thumbs_down: $0.thumbsDown)
        }))
    }

    @Sendable
    func suggestions(request: Request) async throws -> Response {
        let period = try await Self.period(request)
        let csv = try Self.wantsCSV(request)
        let rows = try await AnalyticsReports.suggestions(period, on: request.db)
        if csv {
            var table = CSVTable(header: ["source", "match", "pattern", "shown", "clicked", "click_rate"])
            for row in rows {
                table.append([row.source, row.match ?? "", row.pattern ?? "", String(row.shown), String(row.clicked), String(row.clickRate)])
            }
            return Self.csv(table, name: "suggestions", period)
        }
        let shown = rows.reduce(0) { $0 + $1.shown }, clicked = rows.reduce(0) { $0 + $1.clicked }
        return try ok(SuggestionsDTO(shown: shown, clicked: clicked, click_rate: AnalyticsReports.Ratio.of(clicked, shown), rules: rows.map {
            SuggestionRowDTO(source: $0.source, match: $0.match, pattern: $0.pattern, shown: $0.shown, clicked: $0.clicked, click_rate: $0.clickRate)
        }))
    }

    @Sendable
    func deflection(request: Request) async throws -> Response {
        let period = try await Self.period(request)
        let csv = try Self.wantsCSV(request)
        let report = try await AnalyticsReports.deflection(period, on: request.db)
        if csv {
            var table = CSVTable(header: ["date", "visits", "deflected", "tickets"])
            for day in report.byDay { table.append([day.day.description, String(day.visits), String(day.deflected), String(day.tickets)]) }
            return Self.csv(table, name: "deflection", period)
        }
        return try ok(DeflectionDTO(
            visits: report.visits, deflected: report.deflected, deflection_rate: report.deflectionRate, tickets: report.tickets,
            tickets_per_100_visits: report.ticketsPer100Visits,
            by_day: report.byDay.map { DeflectionDayDTO(date: $0.day.description, visits: $0.visits, deflected: $0.deflected, tickets: $0.tickets) }))
    }

    /// The period of `from`, `to` and `widget_id` in the caller's account.
    static func period(_ request: Request) async throws -> AnalyticsPeriod {
        let accountID = try request.apiCaller.accountID
        let db = request.db
        return try await AnalyticsPeriod.read(accountID: accountID, from: request.queryText("from"), to: request.queryText("to"),
                                              widgetID: request.queryText("widget_id"), today: AnalyticsDay(Date())) { id in
            try await WidgetService.find(id, accountID: accountID, on: db) != nil
        }
    }

    /// `format=csv` (or absent / `json`).
    static func wantsCSV(_ request: Request) throws -> Bool {
        switch request.queryText("format") {
        case nil, "", "json": false
        case "csv": true
        default: throw AppError.validation(["format": "must be json or csv"])
        }
    }

    /// A CSV download named for the report and its period.
    static func csv(_ table: CSVTable, name: String, _ period: AnalyticsPeriod) -> Response {
        let response = Response(status: .ok, body: .init(string: table.text))
        response.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        response.headers.replaceOrAdd(name: .contentDisposition,
                                      value: "attachment; filename=\"lantern-\(name)-\(period.from)-\(period.to).csv\"")
        return response
    }
}
