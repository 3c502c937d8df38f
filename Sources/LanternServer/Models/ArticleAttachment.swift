import Fluent
import Foundation

/// An image or document uploaded into an article, stored with it in the database and served at
/// `ArticleAttachment.path`.
final class ArticleAttachment: Model, @unchecked Sendable {
    static let schema = "article_attachments"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    @Field(key: "article_id") var articleID: Int
    /// A random URL segment, so that ids cannot be walked.
    @Field(key: "key") var key: String
    @Field(key: "filename") var filename: String
    /// Derived from the file's extension, not from what the client claimed.
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    /// Hex SHA-256 of the content: the ETag.
    @Field(key: "sha256") var sha256: String
    @Field(key: "data") var data: Data
    @OptionalField(key: "agent_id") var agentID: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(accountID: Int, articleID: Int, key: String, filename: String, contentType: String, sha256: String, data: Data, agentID: Int?) {
        self.accountID = accountID
        self.articleID = articleID
        self.key = key
        self.filename = filename
        self.contentType = contentType
        self.size = data.count
        self.sha256 = sha256
        self.data = data
        self.agentID = agentID
    }

    /// Where every article file is served: `/widget/v1/article-files/{id}/{key}/{name}`, on the widget's origin.
    static let pathPrefix = "/widget/v1/article-files"

    /// The file's stable URL path (its name percent-encoded).
    var path: String {
        let name = filename.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#%;"))) ?? "file"
        return "\(Self.pathPrefix)/\(id ?? 0)/\(key)/\(name)"
    }
}
