import Fluent
import Foundation

/// The waiting draft of one translation of an article: what "Publish" makes live. Visitors never see it.
final class ArticleDraft: Model, @unchecked Sendable {
    static let schema = "article_drafts"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    @Field(key: "article_id") var articleID: Int
    @Field(key: "language") var language: String
    @Field(key: "title") var title: String
    /// Sanitised HTML.
    @Field(key: "description") var description: String
    /// The agent who saved it last.
    @OptionalField(key: "agent_id") var agentID: Int?
    /// The number of the revision this draft is.
    @Field(key: "revision") var revision: Int
    @Timestamp(key: "updated_at", on: .none) var updatedAt: Date?

    init() {}

    init(accountID: Int, articleID: Int, language: String) {
        self.accountID = accountID
        self.articleID = articleID
        self.language = language
    }
}
