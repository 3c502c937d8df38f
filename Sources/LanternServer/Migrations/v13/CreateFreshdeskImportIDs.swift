import Fluent
import SQLKit

/// `freshdesk_import_ids`: which Lantern object each imported Freshdesk object became, per account and kind
/// (`company`, `contact`, `category`, `folder`, `article`, `widget`), so that `lantern import freshdesk` run again
/// updates rather than duplicates, and an interrupted import completes on the next run.
struct CreateFreshdeskImportIDs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(FreshdeskImportID.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("kind", .string, .required)
            .field("freshdesk_id", .int64, .required)
            .field("lantern_id", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "account_id", "kind", "freshdesk_id", name: "uq_freshdesk_import_ids_source")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(FreshdeskImportID.schema).delete()
    }
}
