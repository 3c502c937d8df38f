import Fluent

struct CreateSolutionCategories: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SolutionCategory.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("position", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SolutionCategory.schema).delete()
    }
}
