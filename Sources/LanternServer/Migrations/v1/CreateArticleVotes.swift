import Fluent

struct CreateArticleVotes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ArticleVote.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("article_id", .int, .required, .references(Article.schema, .id, onDelete: .cascade))
            .field("contact_id", .int, .references(Contact.schema, .id, onDelete: .setNull))
            .field("helpful", .bool, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "article_id", "contact_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ArticleVote.schema).delete()
    }
}
