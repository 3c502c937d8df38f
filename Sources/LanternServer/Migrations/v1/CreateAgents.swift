import Fluent

struct CreateAgents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Agent.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("name", .string, .required)
            .field("email", .string, .required)
            .field("password_hash", .string, .required)
            .field("role", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "account_id", "email")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Agent.schema).delete()
    }
}
