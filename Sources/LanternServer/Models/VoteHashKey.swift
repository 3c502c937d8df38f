import Fluent

/// The install's key for the keyed hashes of visitor ids and client addresses in votes (`VoteService`): one row,
/// made with a random secret on the first vote.
final class VoteHashKey: Model, @unchecked Sendable {
    static let schema = "vote_hash_keys"
    /// The id of the one row.
    static let rowID = 1

    @ID(custom: .id, generatedBy: .user) var id: Int?
    /// 256 random bits as hex; its UTF-8 bytes are the HMAC key.
    @Field(key: "secret") var secret: String

    init() {}
}
