import Fluent

struct CreateAccounts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Account.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("name", .string, .required)
            .field("default_language", .string, .required)
            .field("supported_languages", .array(of: .string), .required)
            .field("shared_secret", .string, .required)
            .field("secret_reset_at", .datetime, .required)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Account.schema).delete()
    }
}
