import Fluent

struct CreateContacts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Contact.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("name", .string, .required)
            .field("email", .string, .required)
            .field("language", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "account_id", "email")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Contact.schema).delete()
    }
}
