import Fluent
import Foundation

/// An account's mail settings: the name and address its mail is from (where customers write and reply), which
/// notifications go out, and the key its reply addresses are signed with. An account without a row has the defaults
/// (`MailSettingsService`).
final class MailSettings: Model, @unchecked Sendable {
    static let schema = "mail_settings"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    @OptionalField(key: "from_name") var fromName: String?
    /// Normalised (`EmailAddress`); nil: the address of `LANTERN_MAIL_FROM`.
    @OptionalField(key: "support_address") var supportAddress: String?
    @Field(key: "requester_ticket_created") var requesterTicketCreated: Bool
    @Field(key: "requester_agent_reply") var requesterAgentReply: Bool
    @Field(key: "agents_ticket_created") var agentsTicketCreated: Bool
    @Field(key: "agents_customer_reply") var agentsCustomerReply: Bool
    /// Hex of 32 random bytes: the HMAC key of the account's reply addresses (`ReplyAddress`).
    @Field(key: "reply_key") var replyKey: String
    @OptionalField(key: "updated_at") var updatedAt: Date?

    init() {}

    init(accountID: Int, replyKey: String) {
        self.accountID = accountID
        self.replyKey = replyKey
        requesterTicketCreated = true
        requesterAgentReply = true
        agentsTicketCreated = true
        agentsCustomerReply = true
    }
}
