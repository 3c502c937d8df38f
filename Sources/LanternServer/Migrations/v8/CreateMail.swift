import Fluent
import SQLKit

/// E-mail: each account's mail settings and reply-address key, the outbox of notifications to send, and the
/// messages received (their originals, and what they became).
struct CreateMail: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MailSettings.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("from_name", .string)
            .field("support_address", .string)
            .field("requester_ticket_created", .bool, .required)
            .field("requester_agent_reply", .bool, .required)
            .field("agents_ticket_created", .bool, .required)
            .field("agents_customer_reply", .bool, .required)
            .field("reply_key", .string, .required)
            .field("updated_at", .datetime)
            .unique(on: "account_id")
            .create()
        try await database.schema(OutboxMail.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("ticket_id", .int, .required, .references(Ticket.schema, .id, onDelete: .cascade))
            .field("conversation_id", .int, .references(TicketConversation.schema, .id, onDelete: .cascade))
            .field("kind", .string, .required)
            .field("recipient", .string, .required)
            .field("recipient_name", .string, .required)
            .field("language", .string, .required)
            .field("message_key", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("lease_until", .datetime)
            .field("sent_at", .datetime)
            .field("last_error", .string)
            .field("created_at", .datetime)
            .unique(on: "message_key")
            .create()
        try await database.schema(InboundMail.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("ticket_id", .int, .references(Ticket.schema, .id, onDelete: .cascade))
            .field("conversation_id", .int, .references(TicketConversation.schema, .id, onDelete: .setNull))
            .field("message_id", .string)
            .field("sender", .string, .required)
            .field("subject", .string, .required)
            .field("outcome", .string, .required)
            .field("raw", .data, .required)
            .field("created_at", .datetime)
            .create()
        for index in Self.indexes {
            var builder = database.sql.create(index: index.name).on(index.table)
            for column in index.columns { builder = builder.column(column) }
            try await builder.run()
        }
    }

    /// The dispatcher's due messages, the admins' list by status, a ticket's thread, and finding a message by id.
    static let indexes: [(name: String, table: String, columns: [String])] = [
        ("idx_mail_outbox_due", OutboxMail.schema, ["status", "next_attempt_at"]),
        ("idx_mail_outbox_account_status", OutboxMail.schema, ["account_id", "status", "id"]),
        ("idx_mail_outbox_ticket", OutboxMail.schema, ["ticket_id", "id"]),
        ("idx_inbound_mail_message_id", InboundMail.schema, ["account_id", "message_id"]),
        ("idx_inbound_mail_ticket", InboundMail.schema, ["ticket_id", "id"]),
    ]

    func revert(on database: any Database) async throws {
        for index in Self.indexes.reversed() { try await database.sql.drop(index: index.name).run() }
        try await database.schema(InboundMail.schema).delete()
        try await database.schema(OutboxMail.schema).delete()
        try await database.schema(MailSettings.schema).delete()
    }
}
