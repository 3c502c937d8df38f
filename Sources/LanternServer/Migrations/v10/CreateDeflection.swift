import Fluent
import SQLKit

/// Deflection: each widget's page rules (`widget_page_rules`), the "Article feedback" ticket setting, the reason
/// and comment a not-helpful vote may carry (on `article_votes`), and analytics: raw events (`analytics_events`,
/// kept `LANTERN_ANALYTICS_RETENTION_DAYS`), their daily aggregates (kept) and which days are rolled up.
struct CreateDeflection: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PageRule.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("widget_id", .int, .required, .references(Widget.schema, .id, onDelete: .cascade))
            .field("position", .int, .required)
            .field("match", .string, .required)
            .field("pattern", .string, .required)
            .field("article_ids", .string, .required)
            .field("search", .string)
            .create()
        try await database.schema(Widget.schema)
            .field("article_feedback_tickets", .bool, .required, .sql(.default(false))).update()
        let voteColumns: [(String, DatabaseSchema.DataType, [DatabaseSchema.FieldConstraint])] = [
            ("reason", .string, []),
            ("comment", .string, []),
            ("answered_at", .datetime, []),
            ("ticket_id", .int, [.references(Ticket.schema, .id, onDelete: .setNull)]),
        ]
        for (name, type, constraints) in voteColumns {
            try await database.schema(ArticleVote.schema)
                .field(.definition(name: .key(.string(name)), dataType: type, constraints: constraints)).update()
        }
        try await database.schema("analytics_events")
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("widget_id", .int, .required)
            .field("day", .int, .required)
            .field("occurred_at", .datetime, .required)
            .field("visit", .string, .required)
            .field("signed_in", .bool, .required)
            .field("kind", .string, .required)
            .field("query", .string)
            .field("results", .int)
            .field("engine", .string)
            .field("rank", .int)
            .field("article_id", .int)
            .field("helpful", .bool)
            .field("source", .string)
            .field("rule", .string)
            .create()
        for table in Self.aggregates {
            var schema = database.schema(table.name)
                .field(.id, .int, .identifier(auto: true))
                .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
                .field("widget_id", .int, .required)
                .field("day", .int, .required)
            for key in table.keys { schema = schema.field(.definition(name: .key(.string(key.name)), dataType: key.type, constraints: [.required])) }
            for count in table.counts { schema = schema.field(.definition(name: .key(.string(count)), dataType: .int, constraints: [.required])) }
            try await schema.create()
            try await database.sql.create(index: "idx_\(table.name)_account_day").on(table.name).column("account_id").column("day").run()
            try await database.sql.create(index: "idx_\(table.name)_day").on(table.name).column("day").run()
        }
        // `id` is the day's number (`lantern copy-database` copies tables by `id`).
        try await database.schema("analytics_rollups")
            .field(.id, .int, .identifier(auto: false))
            .field("rolled_at", .datetime, .required)
            .create()
        let sql = database.sql
        try await sql.create(index: "idx_page_rules_widget").on(PageRule.schema).column("widget_id").column("position").run()
        try await sql.create(index: "idx_votes_article_answered").on(ArticleVote.schema).column("article_id").column("answered_at").run()
        try await sql.create(index: "idx_analytics_events_day_account").on("analytics_events").column("day").column("account_id").run()
    }

    /// The daily aggregate tables: per account, widget and day, their key columns and their counts.
    static let aggregates: [(name: String, keys: [(name: String, type: DatabaseSchema.DataType)], counts: [String])] = [
        ("analytics_daily_queries", [("query", .string)], ["searches", "no_results", "clicks", "rank_sum"]),
        ("analytics_daily_articles", [("article_id", .int)], ["views", "thumbs_up", "thumbs_down"]),
        ("analytics_daily_suggestions", [("source", .string), ("rule", .string)], ["shown", "clicked"]),
        ("analytics_daily_visits", [], ["visits", "deflected", "tickets"]),
    ]

    func revert(on database: any Database) async throws {
        try await database.schema("analytics_rollups").delete()
        for table in Self.aggregates.reversed() { try await database.schema(table.name).delete() }
        try await database.schema("analytics_events").delete()
        try await database.sql.drop(index: "idx_votes_article_answered").run()
        for name in ["reason", "comment", "answered_at", "ticket_id"] {
            try await database.schema(ArticleVote.schema).deleteField(.string(name)).update()
        }
        try await database.schema(Widget.schema).deleteField("article_feedback_tickets").update()
        try await database.schema(PageRule.schema).delete()
    }
}
