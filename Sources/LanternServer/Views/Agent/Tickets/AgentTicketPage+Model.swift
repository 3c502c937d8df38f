import Foundation
import LanternCore

/// `/agent/tickets/:id`: one ticket with its whole conversation (private notes marked), a reply box and a
/// private-note box, the status / priority / type / assignee form, and the requester with their other tickets.
/// After a refused post the form comes back with what was sent and the problems.
struct AgentTicketPage: Sendable {
    typealias Attachment = TicketFileList.File

    /// One entry of the conversation after the description.
    struct Entry: Sendable {
        enum Kind: Sendable { case reply, customerReply, privateNote }

        let id: Int
        let kind: Kind
        let authorName: String
        /// Sanitised HTML.
        let body: String
        let createdAt: Date?
        let attachments: [Attachment]
        /// The received message this entry came from, when it came by mail.
        var originalMailID: Int? = nil
    }

    /// A choice of a drop-down list.
    struct Choice: Sendable {
        let value: String
        let label: String
    }

    /// Another ticket with the requester's e-mail address.
    struct OtherTicket: Sendable {
        let id: Int
        let subject: String
        let status: TicketStatus
        let updatedAt: Date?
    }

    /// The properties form's values: the ticket's, or what a refused post sent.
    struct Properties: Sendable {
        var status: String
        var priority: String
        /// Empty for no type.
        var type: String
        /// An agent id; empty for unassigned.
        var assignee: String
    }

    /// Which form a refused post came from (its problems are shown beside it).
    enum Form: Sendable { case reply, note, properties }

    let id: Int
    let subject: String
    let name: String
    let email: String
    /// The requester's contact, when known.
    let contactID: Int?
    let verified: Bool
    let status: TicketStatus
    let createdAt: Date?
    let updatedAt: Date?
    let widgetName: String?
    let source: TicketSource?
    /// The closed ticket this one follows up.
    let linkedTicketID: Int?
    /// The description as sanitised HTML, when it was written as HTML; otherwise `description` is shown as text.
    let descriptionHTML: String?
    let description: String
    let attachments: [Attachment]
    /// The received message the ticket came from, when it came by mail.
    var originalMailID: Int? = nil
    let entries: [Entry]
    let csrf: String
    var properties: Properties
    /// The account's ticket types (plus the ticket's own, when it is no longer one of them).
    let types: [String]
    /// The account's agents, by id.
    let agents: [Choice]
    let otherTickets: [OtherTicket]
    /// The account's custom fields with the ticket's values (or what a refused post sent), edited in the properties form.
    var customFields: [TicketFieldControl] = []
    var reply = ""
    var note = ""
    var flash: String? = nil
    /// Problems with the form that was sent, by field.
    var errors: [String: String] = [:]
    var failedForm: Form? = nil
}
