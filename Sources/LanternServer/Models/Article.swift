import Fluent
import Foundation

/// A help article. Its text lives in `ArticleTranslation`s, one per language, the primary one included.
final class Article: Model, @unchecked Sendable {
    static let schema = "articles"

    enum Status: Int, Codable, Sendable { case draft = 1, published = 2 }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    @Field(key: "folder_id") var folderID: Int
    @Field(key: "status") var statusCode: Int
    @Field(key: "primary_language") var primaryLanguage: String
    @Field(key: "tags") var tags: [String]
    /// Denormalised vote counts, kept in step with `article_votes` in the same transaction.
    @Field(key: "thumbs_up") var thumbsUp: Int
    @Field(key: "thumbs_down") var thumbsDown: Int
    /// Views from the widget and `/support`, one per visitor and day (`ArticleViewService`).
    @Field(key: "hits") var hits: Int
    /// When the scheduler publishes the article (and its waiting drafts); cleared once done.
    @OptionalField(key: "publish_at") var publishAt: Date?
    /// When the scheduler takes the article off line; cleared once done.
    @OptionalField(key: "unpublish_at") var unpublishAt: Date?
    /// How many revisions the article has had: the last revision's number.
    @Field(key: "revision_count") var revisionCount: Int
    /// The agent who wrote it (Freshdesk's `agent_id`).
    @OptionalField(key: "agent_id") var agentID: Int?
    /// Freshdesk's article type: 1 permanent, 2 workaround.
    @Field(key: "article_type") var articleType: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(accountID: Int, folderID: Int, status: Status, primaryLanguage: String, tags: [String]) {
        self.accountID = accountID
        self.folderID = folderID
        self.statusCode = status.rawValue
        self.primaryLanguage = primaryLanguage
        self.tags = tags
        self.thumbsUp = 0
        self.thumbsDown = 0
        self.hits = 0
        self.revisionCount = 0
        self.articleType = 1
    }

    var status: Status { Status(rawValue: statusCode) ?? .draft }
}
