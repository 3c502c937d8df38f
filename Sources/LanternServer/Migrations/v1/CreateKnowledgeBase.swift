import Fluent

struct CreateSolutionCategories: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SolutionCategory.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("position", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SolutionCategory.schema).delete()
    }
}

struct CreateSolutionFolders: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SolutionFolder.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("category_id", .int, .required, .references(SolutionCategory.schema, .id, onDelete: .cascade))
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("visibility", .int, .required)
            .field("position", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SolutionFolder.schema).delete()
    }
}

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

struct CreateArticles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Article.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("folder_id", .int, .required, .references(SolutionFolder.schema, .id, onDelete: .cascade))
            .field("status", .int, .required)
            .field("primary_language", .string, .required)
            .field("tags", .array(of: .string), .required)
            .field("thumbs_up", .int, .required)
            .field("thumbs_down", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Article.schema).delete()
    }
}

struct CreateArticleTranslations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ArticleTranslation.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("article_id", .int, .required, .references(Article.schema, .id, onDelete: .cascade))
            .field("language", .string, .required)
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "article_id", "language")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ArticleTranslation.schema).delete()
    }
}

struct CreateArticleVotes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ArticleVote.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("article_id", .int, .required, .references(Article.schema, .id, onDelete: .cascade))
            .field("contact_id", .int, .references(Contact.schema, .id, onDelete: .setNull))
            .field("helpful", .bool, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "article_id", "contact_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ArticleVote.schema).delete()
    }
}
