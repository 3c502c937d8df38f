import Fluent
import Foundation

/// A support request sent through a widget's contact form.
final class Ticket: Model, @unchecked Sendable {
    static let schema = "tickets"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    @OptionalField(key: "widget_id") var widgetID: Int?
    /// The requester when known.
    @OptionalField(key: "contact_id") var contactID: Int?
    @Field(key: "name") var name: String
    @Field(key: "email") var email: String
    @Field(key: "subject") var subject: String
    /// Plain text, never rendered as markup.
    @Field(key: "description") var description: String
    /// Whether the requester's identity was vouched for by a signed-in widget session.
    @Field(key: "verified") var verified: Bool
    /// The address the ticket was sent from (for the per-address rate limit).
    @OptionalField(key: "requester_ip") var requesterIP: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(accountID: Int, widgetID: Int?, contactID: Int?, name: String, email: String,
         subject: String, description: String, verified: Bool, requesterIP: String?) {
        self.accountID = accountID
        self.widgetID = widgetID
        self.contactID = contactID
        self.name = name
        self.email = email
        self.subject = subject
        self.description = description
        self.verified = verified
        self.requesterIP = requesterIP
    }
}
