import Fluent
import Foundation
import LanternCore

/// A support request: sent through a widget's contact form or the customer portal, or opened through the API. Its
/// conversation (replies and notes) is in `TicketConversation`.
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
    /// The description's plain text, never rendered as markup.
    @Field(key: "description") var description: String
    /// The description as sanitised HTML when it was written as HTML (the API); nil when it was typed as text.
    @OptionalField(key: "description_html") var descriptionHTML: String?
    /// Whether the requester's identity was vouched for by a signed-in widget session.
    @Field(key: "verified") var verified: Bool
    /// The address the ticket was sent from (for the per-address rate limit).
    @OptionalField(key: "requester_ip") var requesterIP: String?
    /// A `TicketStatus` code.
    @Field(key: "status") var status: Int
    /// A `TicketPriority` code.
    @Field(key: "priority") var priority: Int
    /// One of the account's ticket types, or nil.
    @OptionalField(key: "type") var type: String?
    /// A `TicketSource` code.
    @Field(key: "source") var source: Int
    /// The assigned agent.
    @OptionalField(key: "responder_id") var responderID: Int?
    /// The tags as a JSON array of strings.
    @Field(key: "tags") var tagsJSON: String
    /// The custom fields' values as a JSON object (`cf_…` to a value); nil when it has none.
    @OptionalField(key: "custom_fields") var customFieldsJSON: String?
    /// The closed ticket a customer replied to, when that reply started this ticket.
    @OptionalField(key: "linked_ticket_id") var linkedTicketID: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// The last change to the ticket or its conversation.
    @OptionalField(key: "updated_at") var updatedAt: Date?

    var ticketStatus: TicketStatus { TicketStatus(rawValue: status) ?? .open }

    var tags: [String] {
        get { (try? JSONDecoder().decode([String].self, from: Data(tagsJSON.utf8))) ?? [] }
        set { tagsJSON = String(decoding: (try? JSONEncoder().encode(newValue)) ?? Data("[]".utf8), as: UTF8.self) }
    }

    var customFields: [String: CustomFieldValue] {
        get { customFieldsJSON.flatMap { try? JSONDecoder().decode([String: CustomFieldValue].self, from: Data($0.utf8)) } ?? [:] }
        set {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            customFieldsJSON = newValue.isEmpty ? nil : (try? encoder.encode(newValue)).map { String(decoding: $0, as: UTF8.self) }
        }
    }

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
        self.status = TicketStatus.open.rawValue
        self.priority = TicketPriority.medium.rawValue
        self.source = TicketSource.feedbackWidget.rawValue
        self.tagsJSON = "[]"
    }
}
