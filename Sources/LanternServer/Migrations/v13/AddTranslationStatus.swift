import Fluent

/// `article_translations.status`: each translation's own status (1 draft, 2 published), so that a draft translation
/// never shows while the primary version is published. Existing translations are published, as they were shown.
/// The primary translation stays 2: the article's status is the primary version's.
struct AddTranslationStatus: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ArticleTranslation.schema).field("status", .int, .required, .sql(.default(2))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ArticleTranslation.schema).deleteField("status").update()
    }
}
