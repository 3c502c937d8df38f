import Fluent

struct CreateAPIKeys: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(APIKey.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("agent_id", .int, .references(Agent.schema, .id, onDelete: .cascade))
            .field("name", .string, .required)
            .field("role", .string, .required)
            .field("key_digest", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "key_digest")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(APIKey.schema).delete()
    }
}
