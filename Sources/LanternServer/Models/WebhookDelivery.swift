import Fluent
import Foundation

/// One ticket event to post to its account's webhook: written in the transaction of the change that caused it (an
/// outbox), then delivered, retried with backoff, or abandoned after the last attempt.
final class WebhookDelivery: Model, @unchecked Sendable {
    static let schema = "webhook_deliveries"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    @Field(key: "ticket_id") var ticketID: Int
    /// `ticket.created`, `ticket.updated` or `ticket.replied`.
    @Field(key: "event") var event: String
    /// The reply a `ticket.replied` event is about.
    @OptionalField(key: "conversation_id") var conversationID: Int?
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    /// A process working on the delivery holds it until then, so that processes sharing the database do not
    /// post the same ticket twice at once.
    @OptionalField(key: "lease_until") var leaseUntil: Date?
    @OptionalField(key: "delivered_at") var deliveredAt: Date?
    @OptionalField(key: "abandoned_at") var abandonedAt: Date?
    @OptionalField(key: "last_status") var lastStatus: Int?
    @OptionalField(key: "last_error") var lastError: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(accountID: Int, ticketID: Int, event: WebhookEvent = .ticketCreated, conversationID: Int? = nil, nextAttemptAt: Date) {
        self.accountID = accountID
        self.ticketID = ticketID
        self.event = event.rawValue
        self.conversationID = conversationID
        self.attempts = 0
        self.nextAttemptAt = nextAttemptAt
    }
}
