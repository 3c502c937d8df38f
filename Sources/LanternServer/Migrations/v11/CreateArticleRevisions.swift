import Fluent
import SQLKit

/// Writing the knowledge base: every draft save and publish of a translation is a numbered revision
/// (`article_revisions`, numbered per article by `articles.revision_count`), each translation may have one waiting
/// draft (`article_drafts`), articles gain `publish_at` / `unpublish_at`, and files uploaded into articles are kept
/// in `article_attachments`. Every existing translation becomes its article's first revisions, as published.
struct CreateArticleRevisions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database.sql
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        let articleColumns: [(String, DatabaseSchema.DataType, [DatabaseSchema.FieldConstraint])] = [
            ("publish_at", .datetime, []),
            ("unpublish_at", .datetime, []),
            ("revision_count", .int, [.required, .sql(.default(0))]),
        ]
        for (name, type, constraints) in articleColumns {
            try await database.schema(Article.schema)
                .field(.definition(name: .key(.string(name)), dataType: type, constraints: constraints)).update()
        }
        try await database.schema(ArticleRevision.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("article_id", .int, .required, .references(Article.schema, .id, onDelete: .cascade))
            .field("number", .int, .required)
            .field("kind", .string, .required)
            .field("language", .string, .required)
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("agent_id", .int, .references(Agent.schema, .id, onDelete: .setNull))
            .field("created_at", .datetime)
            .unique(on: "article_id", "number")
            .create()
        try await database.schema(ArticleDraft.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("article_id", .int, .required, .references(Article.schema, .id, onDelete: .cascade))
            .field("language", .string, .required)
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("agent_id", .int, .references(Agent.schema, .id, onDelete: .setNull))
            .field("revision", .int, .required)
            .field("updated_at", .datetime)
            .unique(on: "article_id", "language")
            .create()
        try await database.schema(ArticleAttachment.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("article_id", .int, .required, .references(Article.schema, .id, onDelete: .cascade))
            .field("key", .string, .required)
            .field("filename", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("data", .data, .required)
            .field("agent_id", .int, .references(Agent.schema, .id, onDelete: .setNull))
            .field("created_at", .datetime)
            .create()
        for index in Self.indexes {
            var builder = sql.create(index: index.name).on(index.table)
            for column in index.columns { builder = builder.column(column) }
            try await builder.run()
        }
        try await sql.raw("""
            INSERT INTO article_revisions (account_id, article_id, number, kind, language, title, description, agent_id, created_at)
            SELECT account_id, article_id, ROW_NUMBER() OVER (PARTITION BY article_id ORDER BY id), 'published', language, title,
                   description, NULL, COALESCE(updated_at, created_at)
            FROM article_translations
            """).run()
        try await sql.raw("""
            UPDATE articles SET revision_count = (SELECT COUNT(*) FROM article_revisions r WHERE r.article_id = articles.id)
            """).run()
    }

    /// A translation's history, the scheduler's scan, an article's files.
    static let indexes: [(name: String, table: String, columns: [String])] = [
        ("idx_revisions_article_language", ArticleRevision.schema, ["article_id", "language", "number"]),
        ("idx_articles_publish_at", Article.schema, ["publish_at"]),
        ("idx_articles_unpublish_at", Article.schema, ["unpublish_at"]),
        ("idx_article_attachments_article", ArticleAttachment.schema, ["article_id"]),
    ]

    func revert(on database: any Database) async throws {
        for index in Self.indexes.reversed() { try await database.sql.drop(index: index.name).run() }
        try await database.schema(ArticleAttachment.schema).delete()
        try await database.schema(ArticleDraft.schema).delete()
        try await database.schema(ArticleRevision.schema).delete()
        for name in ["publish_at", "unpublish_at", "revision_count"] {
            try await database.schema(Article.schema).deleteField(.string(name)).update()
        }
    }
}
