import Fluent

struct CreateCompanyMemberships: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CompanyMembership.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("contact_id", .int, .required, .references(Contact.schema, .id, onDelete: .cascade))
            .field("company_id", .int, .required, .references(Company.schema, .id, onDelete: .cascade))
            .unique(on: "contact_id", "company_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CompanyMembership.schema).delete()
    }
}
