import Fluent
import SQLKit

/// `container_translations`: a category's or a folder's name and description in another of the account's languages
/// (exactly one of `category_id` and `folder_id` is set; one translation per container and language).
struct CreateContainerTranslations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ContainerTranslation.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("category_id", .int, .references(SolutionCategory.schema, .id, onDelete: .cascade))
            .field("folder_id", .int, .references(SolutionFolder.schema, .id, onDelete: .cascade))
            .field("language", .string, .required)
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.sql.create(index: "uq_container_translations_category").unique().on(ContainerTranslation.schema)
            .column("category_id").column("language").run()
        try await database.sql.create(index: "uq_container_translations_folder").unique().on(ContainerTranslation.schema)
            .column("folder_id").column("language").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ContainerTranslation.schema).delete()
    }
}
