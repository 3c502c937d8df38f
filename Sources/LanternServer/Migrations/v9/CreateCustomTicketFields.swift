import Fluent

/// Custom ticket fields: `custom_ticket_fields` (each account's `cf_…` fields, their labels per language, kind,
/// choices and whether customers fill them in), `tickets.custom_fields` (a ticket's values as a JSON object), and
/// whether a widget's contact form lets customers choose the priority and the type.
struct CreateCustomTicketFields: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CustomTicketField.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("name", .string, .required)
            .field("label", .string, .required)
            .field("labels", .string, .required)
            .field("kind", .string, .required)
            .field("required_for_customers", .bool, .required)
            .field("customers_can_edit", .bool, .required)
            .field("choices", .string, .required)
            .field("position", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "account_id", "name")
            .create()
        try await database.schema(Ticket.schema).field("custom_fields", .string).update()
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        try await database.schema(Widget.schema)
            .field("contact_form_priority", .bool, .required, .sql(.default(false))).update()
        try await database.schema(Widget.schema)
            .field("contact_form_type", .bool, .required, .sql(.default(false))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Widget.schema).deleteField("contact_form_type").update()
        try await database.schema(Widget.schema).deleteField("contact_form_priority").update()
        try await database.schema(Ticket.schema).deleteField("custom_fields").update()
        try await database.schema(CustomTicketField.schema).delete()
    }
}
