import Fluent

struct CreateWidgetSessionRevocations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(WidgetSessionRevocation.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("session_id", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("revoked_at", .datetime, .required)
            .unique(on: "session_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(WidgetSessionRevocation.schema).delete()
    }
}
