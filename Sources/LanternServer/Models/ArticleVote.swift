import Fluent
import Foundation

/// A helpful / not-helpful vote on an article; a signed-in contact has at most one per article.
final class ArticleVote: Model, @unchecked Sendable {
    static let schema = "article_votes"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    @Field(key: "article_id") var articleID: Int
    /// `nil` for an anonymous vote.
    @OptionalField(key: "contact_id") var contactID: Int?
    @Field(key: "helpful") var helpful: Bool
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(accountID: Int, articleID: Int, contactID: Int?, helpful: Bool, createdAt: Date) {
        self.accountID = accountID
        self.articleID = articleID
        self.contactID = contactID
        self.helpful = helpful
        self.createdAt = createdAt
    }
}
