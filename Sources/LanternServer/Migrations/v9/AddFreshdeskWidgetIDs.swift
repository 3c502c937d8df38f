import Fluent
import SQLKit

/// `widgets.freshdesk_widget_id`: the id a site's Freshdesk embed code names, so that `/widgets/{id}.js` and
/// `fwSettings.widget_id` find the Lantern widget. Unique across the installation (the loader's URL names no account).
struct AddFreshdeskWidgetIDs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Widget.schema).field("freshdesk_widget_id", .int64).update()
        try await database.sql.create(index: "uq_widgets_freshdesk_widget_id").unique().on(Widget.schema)
            .column("freshdesk_widget_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.drop(index: "uq_widgets_freshdesk_widget_id").run()
        try await database.schema(Widget.schema).deleteField("freshdesk_widget_id").update()
    }
}
