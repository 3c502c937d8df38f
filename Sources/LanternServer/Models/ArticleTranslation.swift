import Fluent
import Foundation

/// An article's title and HTML body in one language.
final class ArticleTranslation: Model, @unchecked Sendable {
    static let schema = "article_translations"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    @Field(key: "article_id") var articleID: Int
    @Field(key: "language") var language: String
    @Field(key: "title") var title: String
    /// The article body as (sanitised) HTML.
    @Field(key: "description") var description: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(accountID: Int, articleID: Int, language: String, title: String, description: String) {
        self.accountID = accountID
        self.articleID = articleID
        self.language = language
        self.title = title
        self.description = description
    }
}
