import Fluent

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
