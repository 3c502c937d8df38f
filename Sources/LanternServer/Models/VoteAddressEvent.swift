import Fluent
import Foundation

/// A new anonymous vote on an article from one client address, kept only as long as the per-address vote limit's
/// window (`VoteService`). The address is stored as a keyed hash, never as it is.
final class VoteAddressEvent: Model, @unchecked Sendable {
    static let schema = "vote_address_events"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "article_id") var articleID: Int
    /// The keyed hash of the article and the client address.
    @Field(key: "address_hash") var addressHash: String
    @Field(key: "voted_at") var votedAt: Date

    init() {}

    init(articleID: Int, addressHash: String, votedAt: Date) {
        self.articleID = articleID
        self.addressHash = addressHash
        self.votedAt = votedAt
    }
}
