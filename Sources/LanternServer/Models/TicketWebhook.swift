import Fluent
import Foundation

/// Where an account wants each new ticket posted, and the secret its deliveries are signed with.
final class TicketWebhook: Model, @unchecked Sendable {
    static let schema = "ticket_webhooks"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    @Field(key: "url") var url: String
    @Field(key: "secret") var secret: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(accountID: Int, url: String, secret: String) {
        self.accountID = accountID
        self.url = url
        self.secret = secret
    }
}
