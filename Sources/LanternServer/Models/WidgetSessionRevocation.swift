import Fluent
import Foundation

/// A widget session ended by logout before its expiry. Every server process consults this list, so a revoked
/// session is dead everywhere, even for someone who kept a copy of its token.
final class WidgetSessionRevocation: Model, @unchecked Sendable {
    static let schema = "widget_session_revocations"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    @Field(key: "session_id") var sessionID: String
    /// When the session would have expired; the row can be dropped after that.
    @Field(key: "expires_at") var expiresAt: Date
    @Field(key: "revoked_at") var revokedAt: Date

    init() {}

    init(accountID: Int, sessionID: String, expiresAt: Date, revokedAt: Date) {
        self.accountID = accountID
        self.sessionID = sessionID
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }
}
