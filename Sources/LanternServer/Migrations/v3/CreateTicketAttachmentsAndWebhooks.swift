import Fluent
import SQLKit

/// Tickets gain the requester's address (for the per-address rate limit) and their attachments, stored in the
/// database so that a ticket and its files commit or roll back together, on every server process.
struct CreateTicketAttachments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Ticket.schema)
            .field("requester_ip", .string)
            .update()
        try await database.schema(TicketAttachment.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("ticket_id", .int, .required, .references(Ticket.schema, .id, onDelete: .cascade))
            .field("position", .int, .required)
            .field("filename", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("data", .data, .required)
            .unique(on: "ticket_id", "position")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(TicketAttachment.schema).delete()
        try await database.schema(Ticket.schema).deleteField("requester_ip").update()
    }
}

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

/// Indexes for the ticket rate limit, the agent's ticket filters and the delivery queue.
struct CreateTicketIndexes: AsyncMigration {
    static let indexes: [(name: String, table: String, columns: [String])] = [
        ("idx_tickets_account_ip_created", Ticket.schema, ["account_id", "requester_ip", "created_at"]),
        ("idx_tickets_account_email_created", Ticket.schema, ["account_id", "email", "created_at"]),
        ("idx_attachments_ticket", TicketAttachment.schema, ["ticket_id"]),
        ("idx_deliveries_due", WebhookDelivery.schema, ["delivered_at", "abandoned_at", "next_attempt_at"]),
    ]

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for index in Self.indexes {
            var builder = sql.create(index: index.name).on(index.table)
            for column in index.columns { builder = builder.column(column) }
            try await builder.run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for index in Self.indexes.reversed() {
            try await sql.drop(index: index.name).run()
        }
    }
}
