import Fluent
import Foundation
import LanternCore
import SQLKit

/// Turns raw events into the daily aggregates the reports read, and deletes raw events past their retention.
///
/// A day's aggregates are always recomputed whole from its raw events (delete, then insert, in one transaction),
/// so running again, or in several processes at once, gives the same rows. Today and yesterday are recomputed on
/// every run; an older day is final once it was rolled up `settle` after its end (`analytics_rollups` remembers
/// when each day was). Raw events of a day are only deleted once that day is final, so the aggregates outlive them.
enum AnalyticsRollup {
    /// How long after a day's end late writes may still land in it (a queue flushed just after midnight).
    static let settle: TimeInterval = 600
    /// Raw events deleted per statement.
    static let retentionBatch = 5_000

    /// Recomputes the aggregates of every day that is not final yet; returns the days rolled up.
    @discardableResult
    static func run(now: Date = Date(), on db: any Database) async throws -> [AnalyticsDay] {
        let today = AnalyticsDay(now)
        let rolledAt = try await rollupTimes(on: db)
        var days: Set<AnalyticsDay> = [today, today.adding(-1)]
        days.formUnion(rolledAt.keys)
        days.formUnion(try await daysWithEvents(on: db))
        let due = days.filter { day in day <= today && rolledAt[day].map { $0 < finalAfter(day) } ?? true }.sorted()
        for day in due { try await roll(day, now: now, on: db) }
        return due
    }

    /// When each day was last rolled up.
    static func rollupTimes(on db: any Database) async throws -> [AnalyticsDay: Date] {
        var times: [AnalyticsDay: Date] = [:]
        for row in try await db.sql.raw("SELECT id, rolled_at FROM analytics_rollups").all() {
            times[AnalyticsDay(number: try row.decode(column: "id", as: Int.self))] = try row.decode(column: "rolled_at", as: Date.self)
        }
        return times
    }

    /// The distinct days of the raw events, one index probe per day (a loose index scan: `SELECT DISTINCT` would
    /// read every event).
    static func daysWithEvents(on db: any Database) async throws -> [AnalyticsDay] {
        try await db.sql.raw("""
            WITH RECURSIVE days(day) AS (
                SELECT MIN(day) FROM analytics_events
                UNION ALL
                SELECT (SELECT MIN(e.day) FROM analytics_events e WHERE e.day > days.day) FROM days WHERE days.day IS NOT NULL
            )
            SELECT day FROM days WHERE day IS NOT NULL
            """).all().map { AnalyticsDay(number: try $0.decode(column: "day", as: Int.self)) }
    }

    /// When a rollup of `day` makes it final.
    static func finalAfter(_ day: AnalyticsDay) -> Date { day.adding(1).start.addingTimeInterval(settle) }

    /// Recomputes one day's aggregates from its raw events, for every account.
    static func roll(_ day: AnalyticsDay, now: Date = Date(), on db: any Database) async throws {
        try await db.writeTransaction { db in
            let sql = db.sql
            if !db.isSQLite {
                // Processes sharing the database take turns on a day (SQLite's write transaction already does).
                try await sql.raw("SELECT pg_advisory_xact_lock(hashtext(\(bind: "analytics-rollup:\(day.number)")))").run()
            }
            for table in ["analytics_daily_queries", "analytics_daily_articles", "analytics_daily_suggestions", "analytics_daily_visits"] {
                try await sql.raw("DELETE FROM \(ident: table) WHERE day = \(bind: day.number)").run()
            }
            let count = { (condition: SQLQueryString) -> SQLQueryString in "SUM(CASE WHEN \(condition) THEN 1 ELSE 0 END)" }
            let of = { (kind: AnalyticsEventKind) -> SQLQueryString in "kind = \(literal: kind.rawValue)" }
            try await sql.raw("""
                INSERT INTO analytics_daily_queries (account_id, widget_id, day, query, searches, no_results, clicks, rank_sum)
                SELECT account_id, widget_id, day, query, \(count(of(.search))), \(count(of(.search) + " AND results = 0")),
                       \(count(of(.resultClick))), SUM(CASE WHEN \(of(.resultClick)) THEN COALESCE(rank, 0) ELSE 0 END)
                FROM analytics_events WHERE day = \(bind: day.number) AND kind IN (\(literal: AnalyticsEventKind.search.rawValue), \(literal: AnalyticsEventKind.resultClick.rawValue))
                  AND query IS NOT NULL
                GROUP BY account_id, widget_id, day, query
                """).run()
            try await sql.raw("""
                INSERT INTO analytics_daily_articles (account_id, widget_id, day, article_id, views, thumbs_up, thumbs_down)
                SELECT account_id, widget_id, day, article_id, \(count(of(.articleView))), \(count(of(.vote) + " AND helpful = \(bind: true)")),
                       \(count(of(.vote) + " AND helpful = \(bind: false)"))
                FROM analytics_events WHERE day = \(bind: day.number) AND kind IN (\(literal: AnalyticsEventKind.articleView.rawValue), \(literal: AnalyticsEventKind.vote.rawValue))
                  AND article_id IS NOT NULL
                GROUP BY account_id, widget_id, day, article_id
                """).run()
            try await sql.raw("""
                INSERT INTO analytics_daily_suggestions (account_id, widget_id, day, source, rule, shown, clicked)
                SELECT account_id, widget_id, day, COALESCE(source, ''), COALESCE(rule, ''), \(count(of(.suggestionShown))), \(count(of(.suggestionClick)))
                FROM analytics_events WHERE day = \(bind: day.number) AND kind IN (\(literal: AnalyticsEventKind.suggestionShown.rawValue), \(literal: AnalyticsEventKind.suggestionClick.rawValue))
                GROUP BY account_id, widget_id, day, COALESCE(source, ''), COALESCE(rule, '')
                """).run()
            // A visit counts when it searched or opened the contact form; it was deflected when it also viewed an
            // article or opened a suggestion and sent no ticket.
            try await sql.raw("""
                INSERT INTO analytics_daily_visits (account_id, widget_id, day, visits, deflected, tickets)
                SELECT account_id, widget_id, day, COUNT(*), SUM(CASE WHEN helped > 0 AND sent = 0 THEN 1 ELSE 0 END), SUM(sent)
                FROM (SELECT account_id, widget_id, day, visit,
                             \(count("kind IN (\(literal: AnalyticsEventKind.articleView.rawValue), \(literal: AnalyticsEventKind.suggestionClick.rawValue))")) AS helped,
                             \(count(of(.ticketSent))) AS sent,
                             \(count("kind IN (\(literal: AnalyticsEventKind.search.rawValue), \(literal: AnalyticsEventKind.contactFormOpened.rawValue))")) AS engaged
                      FROM analytics_events WHERE day = \(bind: day.number) GROUP BY account_id, widget_id, day, visit) visits
                WHERE engaged > 0
                GROUP BY account_id, widget_id, day
                """).run()
            try await sql.raw("DELETE FROM analytics_rollups WHERE id = \(bind: day.number)").run()
            try await sql.raw("INSERT INTO analytics_rollups (id, rolled_at) VALUES (\(bind: day.number), \(bind: now))").run()
        }
    }

    /// Deletes raw events of days before `retentionDays` ago (rolling up first any such day that is not final);
    /// the aggregates stay. Returns how many events were deleted. Deletes in batches, so other writers are
    /// never held up for long; several processes may run it at once.
    @discardableResult
    static func applyRetention(days retentionDays: Int, now: Date = Date(), on db: any Database) async throws -> Int {
        let cutoff = AnalyticsDay(now).adding(-retentionDays)
        let rolledAt = try await rollupTimes(on: db)
        for day in try await daysWithEvents(on: db) where day < cutoff && (rolledAt[day].map { $0 < finalAfter(day) } ?? true) {
            try await roll(day, now: now, on: db)
        }
        var deleted = 0
        while true {
            let removed = try await db.sql.raw("""
                DELETE FROM analytics_events WHERE id IN (SELECT id FROM analytics_events WHERE day < \(bind: cutoff.number) LIMIT \(literal: retentionBatch))
                RETURNING id
                """).all().count
            deleted += removed
            if removed < retentionBatch { break }
        }
        return deleted
    }
}
