import Fluent
import Foundation

/// A signed-in widget session, created from a verified customer JWT. Only the token's SHA-256 digest is stored.
final class WidgetSession: Model, @unchecked Sendable {
    static let schema = "widget_sessions"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    @Field(key: "widget_id") var widgetID: Int
    @Field(key: "contact_id") var contactID: Int
    @Field(key: "token_digest") var tokenDigest: String
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(accountID: Int, widgetID: Int, contactID: Int, tokenDigest: String, expiresAt: Date, createdAt: Date) {
        self.accountID = accountID
        self.widgetID = widgetID
        self.contactID = contactID
        self.tokenDigest = tokenDigest
        self.expiresAt = expiresAt
        self.createdAt = createdAt
    }
}
