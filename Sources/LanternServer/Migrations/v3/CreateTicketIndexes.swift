import Fluent
import SQLKit

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
