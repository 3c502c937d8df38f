import Fluent

struct CreateFolderCompanies: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(FolderCompany.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("folder_id", .int, .required, .references(SolutionFolder.schema, .id, onDelete: .cascade))
            .field("company_id", .int, .required, .references(Company.schema, .id, onDelete: .cascade))
            .unique(on: "folder_id", "company_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(FolderCompany.schema).delete()
    }
}
