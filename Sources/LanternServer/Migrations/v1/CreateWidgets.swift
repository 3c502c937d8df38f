import Fluent

struct CreateWidgets: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Widget.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("name", .string, .required)
            .field("default_language", .string)
            .field("contact_form_enabled", .bool, .required)
            .field("contact_form_logged_in_only", .bool, .required)
            .field("allowed_origins", .array(of: .string), .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Widget.schema).delete()
    }
}
