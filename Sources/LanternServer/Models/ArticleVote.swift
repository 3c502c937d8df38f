import Fluent
import Foundation

/// A helpful / not-helpful vote on an article; a signed-in contact, and an anonymous visitor with an id, have at most
/// one per article.
final class ArticleVote: Model, @unchecked Sendable {
    static let schema = "article_votes"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    @Field(key: "article_id") var articleID: Int
    /// `nil` for an anonymous vote.
    @OptionalField(key: "contact_id") var contactID: Int?
    /// An anonymous visitor's keyed hash of the article and the id their browser keeps (`VoteService`); `nil` for a
    /// contact's vote and for an anonymous vote without an id. Never the id itself.
    @OptionalField(key: "visitor_hash") var visitorHash: String?
    @Field(key: "helpful") var helpful: Bool
    @Field(key: "created_at") var createdAt: Date
    /// A not-helpful vote's answer to "why?": a `FeedbackReason`, a comment, when it was given, and the "Article
    /// feedback" ticket it became (when the widget makes tickets of answers).
    @OptionalField(key: "reason") var reason: String?
    @OptionalField(key: "comment") var comment: String?
    @OptionalField(key: "answered_at") var answeredAt: Date?
    @OptionalField(key: "ticket_id") var ticketID: Int?

    init() {}

    init(accountID: Int, articleID: Int, contactID: Int?, visitorHash: String? = nil, helpful: Bool, createdAt: Date) {
        self.accountID = accountID
        self.articleID = articleID
        self.contactID = contactID
        self.visitorHash = visitorHash
        self.helpful = helpful
        self.createdAt = createdAt
    }
}
