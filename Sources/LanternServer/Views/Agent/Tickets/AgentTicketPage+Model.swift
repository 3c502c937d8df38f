import Foundation

/// `/agent/tickets/:id`: one ticket, who sent it (linked to the contact when known), through which widget, its
/// text and its attachments.
struct AgentTicketPage: Sendable {
    /// An attachment, downloaded by its position.
    struct Attachment: Sendable {
        let position: Int
        let filename: String
        let contentType: String
        let size: Int
    }

    let id: Int
    let subject: String
    let name: String
    let email: String
    /// The requester's contact, when the ticket came from a signed-in customer.
    let contactID: Int?
    let verified: Bool
    let createdAt: Date?
    let widgetName: String?
    /// The requester's plain text.
    let description: String
    let attachments: [Attachment]
}
