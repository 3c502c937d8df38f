import Fluent
import SQLKit

/// Article views: `articles.hits` (views counted from the widget and `/support`, one per visitor and article per
/// day) and `article_views` (who viewed which article on which day, by keyed hash, for the current day only).
struct AddArticleHits: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Article.schema).field("hits", .int, .required, .sql(.default(0))).update()
        try await database.schema(ArticleView.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("article_id", .int, .required, .references(Article.schema, .id, onDelete: .cascade))
            .field("visitor_hash", .string, .required)
            .field("day", .string, .required)
            .unique(on: "article_id", "visitor_hash", "day", name: "uq_article_views_visitor_day")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ArticleView.schema).delete()
        try await database.schema(Article.schema).deleteField("hits").update()
    }
}
