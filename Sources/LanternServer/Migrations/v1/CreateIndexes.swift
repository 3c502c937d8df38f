import Fluent
import SQLKit

/// Secondary indexes for the lookups every request makes (tenant scoping, tree walks, newest-first lists).
struct CreateIndexes: AsyncMigration {
    static let indexes: [(name: String, table: String, columns: [String])] = [
        ("idx_folders_category", SolutionFolder.schema, ["category_id"]),
        ("idx_articles_folder", Article.schema, ["folder_id"]),
        ("idx_articles_account_status", Article.schema, ["account_id", "status"]),
        ("idx_translations_account_language", ArticleTranslation.schema, ["account_id", "language"]),
        ("idx_memberships_company", CompanyMembership.schema, ["company_id"]),
        ("idx_tickets_account_created", Ticket.schema, ["account_id", "created_at"]),
        ("idx_votes_article", ArticleVote.schema, ["article_id", "created_at"]),
        ("idx_revocations_account_expiry", WidgetSessionRevocation.schema, ["account_id", "expires_at"]),
    ]

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for index in Self.indexes {
            var builder = sql.create(index: index.name).on(index.table)
            for column in index.columns { builder = builder.column(column) }
            try await builder.run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for index in Self.indexes.reversed() {
            try await sql.drop(index: index.name).run()
        }
    }
}
