import Fluent
import Foundation

/// One entry of a ticket's conversation after its description: an agent's public reply, a customer's reply, or an
/// agent's private note (never shown to a customer).
final class TicketConversation: Model, @unchecked Sendable {
    static let schema = "ticket_conversations"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    @Field(key: "ticket_id") var ticketID: Int
    /// Sanitised HTML.
    @Field(key: "body") var body: String
    @Field(key: "body_text") var bodyText: String
    /// A note for agents only.
    @Field(key: "private") var isPrivate: Bool
    /// From the requester.
    @Field(key: "incoming") var incoming: Bool
    /// The agent who wrote it (replies and notes).
    @OptionalField(key: "agent_id") var agentID: Int?
    /// The contact who wrote it (customer replies).
    @OptionalField(key: "contact_id") var contactID: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(accountID: Int, ticketID: Int, body: String, bodyText: String, isPrivate: Bool, incoming: Bool,
         agentID: Int?, contactID: Int?) {
        self.accountID = accountID
        self.ticketID = ticketID
        self.body = body
        self.bodyText = bodyText
        self.isPrivate = isPrivate
        self.incoming = incoming
        self.agentID = agentID
        self.contactID = contactID
    }
}
