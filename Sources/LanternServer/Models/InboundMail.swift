import Fluent
import Foundation

/// A message received for an account (`lantern mail receive`, `POST /api/v2/mail/inbound`): its original, kept
/// whole and viewable, and what it became.
final class InboundMail: Model, @unchecked Sendable {
    static let schema = "mail_inbound"

    /// What a received message became.
    enum Outcome: String, Codable, Sendable {
        /// A new ticket (source 1, unverified).
        case ticket
        /// A customer reply on an existing ticket.
        case reply
        /// A private note on a ticket: the sender is not its requester.
        case note
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    @OptionalField(key: "ticket_id") var ticketID: Int?
    @OptionalField(key: "conversation_id") var conversationID: Int?
    /// Its `Message-ID`, without brackets: a retried delivery of the same message is recognised, and replies that
    /// name it find the ticket.
    @OptionalField(key: "message_id") var messageID: String?
    @Field(key: "sender") var sender: String
    @Field(key: "subject") var subject: String
    @Enum(key: "outcome") var outcome: Outcome
    @Field(key: "raw") var raw: Data
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(accountID: Int, ticketID: Int?, conversationID: Int?, messageID: String?, sender: String, subject: String,
         outcome: Outcome, raw: Data) {
        self.accountID = accountID
        self.ticketID = ticketID
        self.conversationID = conversationID
        self.messageID = messageID
        self.sender = sender
        self.subject = subject
        self.outcome = outcome
        self.raw = raw
    }
}
