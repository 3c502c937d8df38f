import Fluent
import SQLKit

/// The outbound ticket webhook of each account, and the outbox of deliveries still to make.
struct CreateTicketWebhooks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(TicketWebhook.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("url", .string, .required)
            .field("secret", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "account_id")
            .create()
        try await database.schema(WebhookDelivery.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("ticket_id", .int, .required, .references(Ticket.schema, .id, onDelete: .cascade))
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("lease_until", .datetime)
            .field("delivered_at", .datetime)
            .field("abandoned_at", .datetime)
            .field("last_status", .int)
            .field("last_error", .string)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(WebhookDelivery.schema).delete()
        try await database.schema(TicketWebhook.schema).delete()
    }
}
