import Fluent
import Foundation

/// A customer-portal (`/support`) session opened by JWT single sign-on. Stored as a digest, like agent sessions.
/// A session created before the account's last shared-secret reset is dead.
final class CustomerSession: Model, @unchecked Sendable {
    static let schema = "customer_sessions"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    @Field(key: "widget_id") var widgetID: Int
    @Field(key: "contact_id") var contactID: Int
    @Field(key: "token_digest") var tokenDigest: String
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date

    init() {}

    init(accountID: Int, widgetID: Int, contactID: Int, tokenDigest: String, csrfToken: String, createdAt: Date, expiresAt: Date) {
        self.accountID = accountID
        self.widgetID = widgetID
        self.contactID = contactID
        self.tokenDigest = tokenDigest
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
