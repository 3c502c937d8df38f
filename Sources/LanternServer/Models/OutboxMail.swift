import Fluent
import Foundation

/// One notification to send to one person, written in the transaction of the event that causes it (an outbox). The
/// message itself is written when it is sent (`MailDispatcher`), from the ticket and the entry as they are then.
final class OutboxMail: Model, @unchecked Sendable {
    static let schema = "mail_outbox"

    /// Where a message stands.
    enum Status: String, Codable, Sendable, CaseIterable {
        /// Waiting for its (next) attempt.
        case pending
        case sent
        /// Refused by the server (5xx), or still failing after the last attempt: kept with the server's words.
        case failed
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    @Field(key: "ticket_id") var ticketID: Int
    /// The reply or customer reply the notification carries; nil for a new ticket.
    @OptionalField(key: "conversation_id") var conversationID: Int?
    /// A `MailNotice.Kind`.
    @Field(key: "kind") var kind: String
    @Field(key: "recipient") var recipient: String
    @Field(key: "recipient_name") var recipientName: String
    @Field(key: "language") var language: String
    /// The unique part of the message's `Message-ID` (`<key@domain>`), chosen when it is queued so that every
    /// attempt sends the same id and replies find their ticket.
    @Field(key: "message_key") var messageKey: String
    @Enum(key: "status") var status: Status
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    /// A process sending the message holds it until then, so that processes sharing the database never send it twice.
    @OptionalField(key: "lease_until") var leaseUntil: Date?
    @OptionalField(key: "sent_at") var sentAt: Date?
    /// The last failure, in the server's words when it answered.
    @OptionalField(key: "last_error") var lastError: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(accountID: Int, ticketID: Int, conversationID: Int?, kind: String, recipient: String, recipientName: String,
         language: String, messageKey: String) {
        self.accountID = accountID
        self.ticketID = ticketID
        self.conversationID = conversationID
        self.kind = kind
        self.recipient = recipient
        self.recipientName = recipientName
        self.language = language
        self.messageKey = messageKey
        status = .pending
        attempts = 0
        nextAttemptAt = Date()
    }
}
