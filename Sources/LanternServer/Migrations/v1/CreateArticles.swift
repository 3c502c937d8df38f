import Fluent

struct CreateArticles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Article.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("folder_id", .int, .required, .references(SolutionFolder.schema, .id, onDelete: .cascade))
            .field("status", .int, .required)
            .field("primary_language", .string, .required)
            .field("tags", .array(of: .string), .required)
            .field("thumbs_up", .int, .required)
            .field("thumbs_down", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Article.schema).delete()
    }
}
