import Fluent
import LanternCore
import SQLKit

/// The reports, read from the daily aggregates (`AnalyticsRollup`): a period's figures cost one small query
/// per list whatever the number of raw events behind them. Sums are cast to BIGINT (PostgreSQL's SUM of a bigint
/// is a numeric).
enum AnalyticsReports {
    /// Rows in each list of the search report and in the articles report.
    static let listLength = 20
    static let articleRows = 100

    struct QueryCount: Sendable, Equatable {
        let query: String
        let count: Int
        let clicks: Int
    }

    struct SearchDay: Sendable, Equatable {
        let day: AnalyticsDay
        let searches: Int
        let noResults: Int
    }

    struct Search: Sendable {
        let searches: Int
        let withResults: Int
        let clicks: Int
        let rankSum: Int
        let topQueries: [QueryCount]
        let noResults: [QueryCount]
        let noClick: [QueryCount]
        let byDay: [SearchDay]

        /// Result clicks per search.
        var ctr: Double { Ratio.of(clicks, searches) }
        /// The mean rank of clicked results (1 is the first); `nil` without clicks.
        var meanClickRank: Double? { clicks == 0 ? nil : Ratio.rounded(Double(rankSum) / Double(clicks), places: 2) }
    }

    struct ArticleFigures: Sendable, Equatable {
        let id: Int
        let title: String
        let views: Int
        let thumbsUp: Int
        let thumbsDown: Int
    }

    enum ArticleOrder: String, Sendable {
        case mostViewed = "most_viewed"
        case leastHelpful = "least_helpful"
    }

    struct SuggestionFigures: Sendable, Equatable {
        /// `rule`, `search`, `popular` or `form`.
        let source: String
        /// The page rule's kind and pattern; `nil` for suggestions no rule gave.
        let match: String?
        let pattern: String?
        let shown: Int
        let clicked: Int

        var clickRate: Double { Ratio.of(clicked, shown) }
    }

    struct DeflectionDay: Sendable, Equatable {
        let day: AnalyticsDay
        let visits: Int
        let deflected: Int
        let tickets: Int
    }

    struct Deflection: Sendable {
        let visits: Int
        let deflected: Int
        let tickets: Int
        let byDay: [DeflectionDay]

        var deflectionRate: Double { Ratio.of(deflected, visits) }
        var ticketsPer100Visits: Double { Ratio.rounded(visits == 0 ? 0 : Double(tickets) * 100 / Double(visits), places: 2) }
    }

    /// Shares rounded to four places, and 0 when there is nothing to share.
    enum Ratio {
        static func of(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 0 : rounded(Double(part) / Double(whole), places: 4) }
        static func rounded(_ value: Double, places: Int) -> Double {
            var scale = 1.0
            for _ in 0..<places { scale *= 10 }
            return (value * scale).rounded() / scale
        }
    }

    /// `WHERE` for an aggregate table `d` over the period.
    private static func scope(_ period: AnalyticsPeriod) -> SQLQueryString {
        var sql: SQLQueryString = "d.account_id = \(bind: period.accountID) AND d.day BETWEEN \(bind: period.from.number) AND \(bind: period.to.number)"
        if let widgetID = period.widgetID { sql = sql + " AND d.widget_id = \(bind: widgetID)" }
        return sql
    }

    static func search(_ period: AnalyticsPeriod, limit: Int = listLength, on db: any Database) async throws -> Search {
        let sql = db.sql, filter = scope(period)
        let totals = try await sql.raw("""
            SELECT CAST(COALESCE(SUM(searches), 0) AS BIGINT) AS searches, CAST(COALESCE(SUM(no_results), 0) AS BIGINT) AS no_results,
                   CAST(COALESCE(SUM(clicks), 0) AS BIGINT) AS clicks, CAST(COALESCE(SUM(rank_sum), 0) AS BIGINT) AS rank_sum
            FROM analytics_daily_queries d WHERE \(filter)
            """).first()
        func int(_ row: (any SQLRow)?, _ column: String) throws -> Int { try row?.decode(column: column, as: Int.self) ?? 0 }
        func list(_ count: SQLQueryString, having: SQLQueryString) async throws -> [QueryCount] {
            try await sql.raw("""
                SELECT d.query, CAST(\(count) AS BIGINT) AS n, CAST(SUM(d.clicks) AS BIGINT) AS clicks FROM analytics_daily_queries d WHERE \(filter)
                GROUP BY d.query HAVING \(having) ORDER BY n DESC, d.query ASC LIMIT \(literal: limit)
                """).all().map { QueryCount(query: try $0.decode(column: "query", as: String.self), count: try int($0, "n"), clicks: try int($0, "clicks")) }
        }
        let searches = try int(totals, "searches"), noResults = try int(totals, "no_results")
        let byDayRows = try await sql.raw("""
            SELECT d.day, CAST(SUM(d.searches) AS BIGINT) AS searches, CAST(SUM(d.no_results) AS BIGINT) AS no_results FROM analytics_daily_queries d WHERE \(filter)
            GROUP BY d.day
            """).all()
        var byDay: [Int: (Int, Int)] = [:]
        for row in byDayRows { byDay[try int(row, "day")] = (try int(row, "searches"), try int(row, "no_results")) }
        return Search(
            searches: searches, withResults: searches - noResults, clicks: try int(totals, "clicks"), rankSum: try int(totals, "rank_sum"),
            topQueries: try await list("SUM(d.searches)", having: "SUM(d.searches) > 0"),
            noResults: try await list("SUM(d.no_results)", having: "SUM(d.no_results) > 0"),
            noClick: try await list("SUM(d.searches - d.no_results)", having: "SUM(d.clicks) = 0 AND SUM(d.searches - d.no_results) > 0"),
            byDay: period.days.map { SearchDay(day: AnalyticsDay(number: $0), searches: byDay[$0]?.0 ?? 0, noResults: byDay[$0]?.1 ?? 0) })
    }

    static func articles(_ period: AnalyticsPeriod, order: ArticleOrder, limit: Int = articleRows, on db: any Database) async throws -> [ArticleFigures] {
        let sorting: SQLQueryString = order == .mostViewed
            ? "s.views DESC, s.thumbs_up DESC, a.id ASC"
            : "(s.thumbs_down - s.thumbs_up) DESC, s.thumbs_down DESC, a.id ASC"
        let having: SQLQueryString = order == .mostViewed ? "SUM(d.views) > 0" : "SUM(d.thumbs_up) + SUM(d.thumbs_down) > 0"
        // Summed per article first, then joined: the join sees one row per article instead of one per article and day.
        return try await db.sql.raw("""
            SELECT a.id, t.title, s.views, s.thumbs_up, s.thumbs_down
            FROM (SELECT d.article_id, CAST(SUM(d.views) AS BIGINT) AS views, CAST(SUM(d.thumbs_up) AS BIGINT) AS thumbs_up,
                         CAST(SUM(d.thumbs_down) AS BIGINT) AS thumbs_down
                  FROM analytics_daily_articles d WHERE \(scope(period)) GROUP BY d.article_id HAVING \(having)) s
            JOIN articles a ON a.id = s.article_id AND a.account_id = \(bind: period.accountID)
            JOIN article_translations t ON t.article_id = a.id AND t.language = a.primary_language
            ORDER BY \(sorting) LIMIT \(literal: limit)
            """).all().map { row in
            ArticleFigures(id: try row.decode(column: "id", as: Int.self), title: try row.decode(column: "title", as: String.self),
                           views: try row.decode(column: "views", as: Int.self), thumbsUp: try row.decode(column: "thumbs_up", as: Int.self),
                           thumbsDown: try row.decode(column: "thumbs_down", as: Int.self))
        }
    }

    static func suggestions(_ period: AnalyticsPeriod, on db: any Database) async throws -> [SuggestionFigures] {
        try await db.sql.raw("""
            SELECT d.source, d.rule, CAST(SUM(d.shown) AS BIGINT) AS shown, CAST(SUM(d.clicked) AS BIGINT) AS clicked FROM analytics_daily_suggestions d
            WHERE \(scope(period)) GROUP BY d.source, d.rule ORDER BY shown DESC, d.source ASC, d.rule ASC
            """).all().map { row in
            let rule = try row.decode(column: "rule", as: String.self)
            let parts = rule.split(separator: " ", maxSplits: 1).map(String.init)
            return SuggestionFigures(source: try row.decode(column: "source", as: String.self),
                                     match: parts.count == 2 ? parts[0] : nil, pattern: parts.count == 2 ? parts[1] : nil,
                                     shown: try row.decode(column: "shown", as: Int.self), clicked: try row.decode(column: "clicked", as: Int.self))
        }
    }

    static func deflection(_ period: AnalyticsPeriod, on db: any Database) async throws -> Deflection {
        let rows = try await db.sql.raw("""
            SELECT d.day, CAST(SUM(d.visits) AS BIGINT) AS visits, CAST(SUM(d.deflected) AS BIGINT) AS deflected,
                   CAST(SUM(d.tickets) AS BIGINT) AS tickets
            FROM analytics_daily_visits d WHERE \(scope(period)) GROUP BY d.day
            """).all()
        var byDay: [Int: DeflectionDay] = [:]
        for row in rows {
            let day = try row.decode(column: "day", as: Int.self)
            byDay[day] = DeflectionDay(day: AnalyticsDay(number: day), visits: try row.decode(column: "visits", as: Int.self),
                                       deflected: try row.decode(column: "deflected", as: Int.self), tickets: try row.decode(column: "tickets", as: Int.self))
        }
        let days = period.days.map { byDay[$0] ?? DeflectionDay(day: AnalyticsDay(number: $0), visits: 0, deflected: 0, tickets: 0) }
        return Deflection(visits: days.reduce(0) { $0 + $1.visits }, deflected: days.reduce(0) { $0 + $1.deflected },
                          tickets: days.reduce(0) { $0 + $1.tickets }, byDay: days)
    }
}
