import Fluent

struct CreateTickets: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Ticket.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("widget_id", .int, .references(Widget.schema, .id, onDelete: .setNull))
            .field("contact_id", .int, .references(Contact.schema, .id, onDelete: .setNull))
            .field("name", .string, .required)
            .field("email", .string, .required)
            .field("subject", .string, .required)
            .field("description", .string, .required)
            .field("verified", .bool, .required)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Ticket.schema).delete()
    }
}
