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
