import Fluent

/// Freshdesk's article details: `articles.agent_id` (the author), `articles.article_type` (1 permanent,
/// 2 workaround) and each translation's `seo_data` (`meta_title`, `meta_description`, `meta_keywords`).
struct AddArticleDetails: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        try await database.schema(Article.schema)
            .field("agent_id", .int, .references(Agent.schema, .id, onDelete: .setNull)).update()
        try await database.schema(Article.schema)
            .field("article_type", .int, .required, .sql(.default(1))).update()
        for column in ["meta_title", "meta_description", "meta_keywords"] {
            try await database.schema(ArticleTranslation.schema).field(.string(column), .string).update()
        }
    }

    func revert(on database: any Database) async throws {
        for column in ["meta_title", "meta_description", "meta_keywords"] {
            try await database.schema(ArticleTranslation.schema).deleteField(.string(column)).update()
        }
        try await database.schema(Article.schema).deleteField("article_type").update()
        try await database.schema(Article.schema).deleteField("agent_id").update()
    }
}
