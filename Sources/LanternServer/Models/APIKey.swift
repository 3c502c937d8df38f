import Fluent
import Foundation

/// A credential for the JSON API. Only the SHA-256 digest of the key is stored.
final class APIKey: Model, @unchecked Sendable {
    static let schema = "api_keys"

    /// `agent` keys act as their agent; `bot` keys are read-only and see bots folders; `mail` keys may only post
    /// received mail (`POST /api/v2/mail/inbound`).
    enum Role: String, Codable, Sendable { case agent, bot, mail }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    /// The agent an `agent` key acts for; `nil` for bot keys.
    @OptionalField(key: "agent_id") var agentID: Int?
    @Field(key: "name") var name: String
    @Enum(key: "role") var role: Role
    @Field(key: "key_digest") var keyDigest: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(accountID: Int, agentID: Int?, name: String, role: Role, keyDigest: String) {
        self.accountID = accountID
        self.agentID = agentID
        self.name = name
        self.role = role
        self.keyDigest = keyDigest
    }
}
