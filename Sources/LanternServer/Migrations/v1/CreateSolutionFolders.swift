import Fluent

struct CreateSolutionFolders: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SolutionFolder.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("category_id", .int, .required, .references(SolutionCategory.schema, .id, onDelete: .cascade))
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("visibility", .int, .required)
            .field("position", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SolutionFolder.schema).delete()
    }
}
