import Fluent
import SQLKit

/// The support loop: tickets gain status, priority, type, source, assignee, tags and an update time (existing
/// tickets become open, medium, from the feedback widget, updated when created); `ticket_conversations` holds
/// replies and notes, `ticket_types` each account's types; attachments may belong to a conversation entry; webhook
/// deliveries carry their event.
struct CreateConversations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database.sql
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        let ticketColumns: [(String, DatabaseSchema.DataType, [DatabaseSchema.FieldConstraint])] = [
            ("description_html", .string, []),
            ("status", .int, [.required, .sql(.default(2))]),
            ("priority", .int, [.required, .sql(.default(2))]),
            ("type", .string, []),
            ("source", .int, [.required, .sql(.default(9))]),
            ("responder_id", .int, [.references(Agent.schema, .id, onDelete: .setNull)]),
            ("tags", .string, [.required, .sql(.default("[]"))]),
            ("linked_ticket_id", .int, [.references(Ticket.schema, .id, onDelete: .setNull)]),
            ("updated_at", .datetime, []),
        ]
        for (name, type, constraints) in ticketColumns {
            try await database.schema(Ticket.schema)
                .field(.definition(name: .key(.string(name)), dataType: type, constraints: constraints)).update()
        }
        try await sql.raw("UPDATE tickets SET updated_at = created_at").run()
        try await database.schema(TicketConversation.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("ticket_id", .int, .required, .references(Ticket.schema, .id, onDelete: .cascade))
            .field("body", .string, .required)
            .field("body_text", .string, .required)
            .field("private", .bool, .required)
            .field("incoming", .bool, .required)
            .field("agent_id", .int, .references(Agent.schema, .id, onDelete: .setNull))
            .field("contact_id", .int, .references(Contact.schema, .id, onDelete: .setNull))
            .field("created_at", .datetime)
            .create()
        try await database.schema(TicketType.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("name", .string, .required)
            .field("position", .int, .required)
            .unique(on: "account_id", "name")
            .create()
        try await database.schema(TicketAttachment.schema)
            .field("conversation_id", .int, .references(TicketConversation.schema, .id, onDelete: .cascade))
            .update()
        try await database.schema(WebhookDelivery.schema)
            .field("event", .string, .required, .sql(.default("ticket.created"))).update()
        try await database.schema(WebhookDelivery.schema).field("conversation_id", .int).update()
        for index in Self.indexes {
            var builder = sql.create(index: index.name).on(index.table)
            for column in index.columns { builder = builder.column(column) }
            try await builder.run()
        }
    }

    /// The agent's list filters and sort orders, the customer's own tickets, and a ticket's conversation.
    static let indexes: [(name: String, table: String, columns: [String])] = [
        ("idx_tickets_account_updated", Ticket.schema, ["account_id", "updated_at"]),
        ("idx_tickets_account_status_updated", Ticket.schema, ["account_id", "status", "updated_at"]),
        ("idx_tickets_account_responder_updated", Ticket.schema, ["account_id", "responder_id", "updated_at"]),
        ("idx_tickets_contact", Ticket.schema, ["contact_id"]),
        ("idx_conversations_ticket", TicketConversation.schema, ["ticket_id", "id"]),
        ("idx_attachments_conversation", TicketAttachment.schema, ["conversation_id"]),
    ]

    func revert(on database: any Database) async throws {
        for index in Self.indexes.reversed() { try await database.sql.drop(index: index.name).run() }
        try await database.schema(WebhookDelivery.schema).deleteField("event").update()
        try await database.schema(WebhookDelivery.schema).deleteField("conversation_id").update()
        try await database.schema(TicketAttachment.schema).deleteField("conversation_id").update()
        try await database.schema(TicketType.schema).delete()
        try await database.schema(TicketConversation.schema).delete()
        for name in ["description_html", "status", "priority", "type", "source", "responder_id", "tags",
                     "linked_ticket_id", "updated_at"] {
            try await database.schema(Ticket.schema).deleteField(.string(name)).update()
        }
    }
}
