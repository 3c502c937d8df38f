import Fluent
import SQLKit

struct CreateCustomerSessions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CustomerSession.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("widget_id", .int, .required, .references(Widget.schema, .id, onDelete: .cascade))
            .field("contact_id", .int, .required, .references(Contact.schema, .id, onDelete: .cascade))
            .field("token_digest", .string, .required)
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_digest")
            .create()
        try await (database as! any SQLDatabase).create(index: "idx_customer_sessions_expiry").on(CustomerSession.schema).column("expires_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CustomerSession.schema).delete()
    }
}
