import Fluent
import Foundation

/// A signed-in agent-portal session. The cookie holds a random token; only its SHA-256 digest is stored, so the
/// table is of no use to someone who reads it, and every server process sees the same sessions.
final class AgentSession: Model, @unchecked Sendable {
    static let schema = "agent_sessions"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    @Field(key: "agent_id") var agentID: Int
    @Field(key: "token_digest") var tokenDigest: String
    /// The session's CSRF token, sent back in a hidden field of every form.
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date

    init() {}

    init(accountID: Int, agentID: Int, tokenDigest: String, csrfToken: String, createdAt: Date, expiresAt: Date) {
        self.accountID = accountID
        self.agentID = agentID
        self.tokenDigest = tokenDigest
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
