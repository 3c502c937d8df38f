import Fluent

struct CreateArticleTranslations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ArticleTranslation.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("article_id", .int, .required, .references(Article.schema, .id, onDelete: .cascade))
            .field("language", .string, .required)
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "article_id", "language")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ArticleTranslation.schema).delete()
    }
}
