import Fluent
import Foundation
import LanternCore

/// Writes articles and their translations. HTML is sanitised on the way in, and each change is one transaction.
enum ArticleStore {
    /// Checked article fields from an API body.
    struct Fields {
        var title: String?
        var description: String?
        var status: Article.Status?
        var tags: [String]?
    }

    static let maximumDescriptionBytes = 512 * 1024
    static let maximumTags = 30

    /// Validates the fields of `input` (`required` on create) into `errors`.
    static func fields(_ input: ArticleInput, required: Bool, errors: inout FieldErrors) -> Fields {
        var fields = Fields()
        fields.title = errors.text(input.title, "title", required: required, maximum: 255)
        if let description = input.description {
            if description.utf8.count > maximumDescriptionBytes {
                errors.add("description", "must be at most \(maximumDescriptionBytes / 1024) KiB")
            } else if description.unicodeScalars.contains(where: { FieldErrors.isControl($0, allowingLineBreaks: true) }) {
                errors.add("description", "must not contain control characters other than tabs and line breaks")
            } else {
                let sanitized = HTMLSanitizer.sanitize(description)
                if HTMLSanitizer.plainText(sanitized).isEmpty && !sanitized.contains("<img") {
                    errors.add("description", "must not be empty")
                } else {
                    fields.description = sanitized
                }
            }
        } else if required {
            errors.add("description", "is required")
        }
        if let status = input.status {
            if let valid = Article.Status(rawValue: status) { fields.status = valid } else { errors.add("status", "must be 1 (draft) or 2 (published)") }
        }
        if let tags = input.tags {
            let cleaned = tags.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            if cleaned.count > maximumTags || cleaned.contains(where: { tag in
                tag.isEmpty || tag.count > 64 || tag.unicodeScalars.contains { FieldErrors.isControl($0, allowingLineBreaks: false) }
            }) {
                errors.add("tags", "must be at most \(maximumTags) non-blank tags of at most 64 characters, without control characters")
            } else {
                var unique: [String] = []
                for tag in cleaned where !unique.contains(tag) { unique.append(tag) }
                fields.tags = unique
            }
        }
        return fields
    }

    static func create(accountID: Int, folderID: Int, language: String, fields: Fields, on db: any Database) async throws -> (Article, ArticleTranslation) {
        try await db.writeTransaction { db in
            let article = Article(accountID: accountID, folderID: folderID, status: fields.status ?? .draft,
                                  primaryLanguage: language, tags: fields.tags ?? [])
            try await article.create(on: db)
            let translation = ArticleTranslation(accountID: accountID, articleID: try article.requireID(), language: language,
                                                 title: fields.title!, description: fields.description!)
            try await translation.create(on: db)
            return (article, translation)
        }
    }

    /// Updates the article and its translation in `language` (the primary one unless told otherwise).
    static func update(_ article: Article, language: String? = nil, fields: Fields, folderID: Int?, on db: any Database) async throws -> ArticleTranslation {
        let language = language ?? article.primaryLanguage
        return try await db.writeTransaction { db in
            if let status = fields.status { article.statusCode = status.rawValue }
            if let tags = fields.tags { article.tags = tags }
            if let folderID { article.folderID = folderID }
            article.updatedAt = Date()
            try await article.save(on: db)
            guard let translation = try await translation(of: article, in: language, on: db) else { throw APIError.translationNotFound }
            translation.setContent(title: fields.title, description: fields.description)
            try await translation.save(on: db)
            return translation
        }
    }

    /// Adds a translation; 409 if the article already has one in `language`.
    static func addTranslation(to article: Article, language: String, fields: Fields, on db: any Database) async throws -> ArticleTranslation {
        try await db.writeTransaction { db in
            if try await translation(of: article, in: language, on: db) != nil {
                throw APIError(status: .conflict, code: "translation_exists",
                               message: "The article already has a \(language) version; update it with PUT.")
            }
            let translation = ArticleTranslation(accountID: article.accountID, articleID: try article.requireID(), language: language,
                                                 title: fields.title!, description: fields.description!)
            try await translation.create(on: db)
            if let status = fields.status {
                article.statusCode = status.rawValue
                try await article.save(on: db)
            }
            return translation
        }
    }

    static func translation(of article: Article, in language: String, on db: any Database) async throws -> ArticleTranslation? {
        try await ArticleTranslation.query(on: db).filter(\.$articleID == article.requireID()).filter(\.$language == language).first()
    }

    static func languages(of articleIDs: [Int], on db: any Database) async throws -> [Int: [String]] {
        guard !articleIDs.isEmpty else { return [:] }
        let rows = try await ArticleTranslation.query(on: db).filter(\.$articleID ~~ articleIDs).field(\.$articleID).field(\.$language).all()
        return Dictionary(grouping: rows, by: \.articleID).mapValues { $0.map(\.language).sorted() }
    }
}
