import Fluent
import Foundation

/// One saved state of an article's translation: a draft save or a publish (a direct change counts as a publish),
/// numbered per article from 1 in the order they were made.
final class ArticleRevision: Model, @unchecked Sendable {
    static let schema = "article_revisions"

    enum Kind: String, Codable, Sendable { case draft, published }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    @Field(key: "article_id") var articleID: Int
    @Field(key: "number") var number: Int
    @Field(key: "kind") var kindCode: String
    @Field(key: "language") var language: String
    @Field(key: "title") var title: String
    /// Sanitised HTML.
    @Field(key: "description") var description: String
    /// The agent who saved it; nil for an admin key without an agent, the scheduler, or a deleted agent.
    @OptionalField(key: "agent_id") var agentID: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(accountID: Int, articleID: Int, number: Int, kind: Kind, language: String, title: String, description: String, agentID: Int?) {
        self.accountID = accountID
        self.articleID = articleID
        self.number = number
        self.kindCode = kind.rawValue
        self.language = language
        self.title = title
        self.description = description
        self.agentID = agentID
    }

    var kind: Kind { Kind(rawValue: kindCode) ?? .draft }
}
