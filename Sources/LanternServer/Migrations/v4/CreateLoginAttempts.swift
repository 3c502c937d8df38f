import Fluent
import SQLKit

struct CreateLoginAttempts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LoginAttempt.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("key", .string, .required)
            .field("attempted_at", .datetime, .required)
            .create()
        try await (database as! any SQLDatabase).create(index: "idx_login_attempts_key").on(LoginAttempt.schema)
            .column("key").column("attempted_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(LoginAttempt.schema).delete()
    }
}
