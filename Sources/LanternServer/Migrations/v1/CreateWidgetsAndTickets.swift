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

struct CreateWidgetCategories: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(WidgetCategory.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("widget_id", .int, .required, .references(Widget.schema, .id, onDelete: .cascade))
            .field("category_id", .int, .required, .references(SolutionCategory.schema, .id, onDelete: .cascade))
            .unique(on: "widget_id", "category_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(WidgetCategory.schema).delete()
    }
}

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

struct CreateWidgetSessionRevocations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(WidgetSessionRevocation.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("session_id", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("revoked_at", .datetime, .required)
            .unique(on: "session_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(WidgetSessionRevocation.schema).delete()
    }
}
