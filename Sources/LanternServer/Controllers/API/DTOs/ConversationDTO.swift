import Foundation
import Vapor

/// A conversation entry as the agent API, the widget and the webhook send it (Freshdesk's conversation shape).
/// `user_id` is the agent's id for replies and notes, the contact's for customer replies. `id` is null for a
/// customer's reply to a closed ticket: it became the description of the new ticket `ticket_id`.
struct ConversationDTO: Content {
    let id: Int?
    let ticket_id: Int
    let body: String
    let body_text: String
    let `private`: Bool
    let incoming: Bool
    let user_id: Int?
    let attachments: [TicketDTO.Attachment]
    let created_at: Date?

    /// The entry; its attachments download under `attachmentBase` (the API's or the widget's ticket path).
    init(_ entry: TicketConversation, attachments: [TicketService.AttachmentInfo], attachmentBase: String) {
        id = entry.id
        ticket_id = entry.ticketID
        body = entry.body
        body_text = entry.bodyText
        `private` = entry.isPrivate
        incoming = entry.incoming
        user_id = entry.agentID ?? entry.contactID
        self.attachments = attachments.map { TicketDTO.Attachment($0, under: attachmentBase) }
        created_at = entry.createdAt
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(ticket_id, forKey: .ticket_id)
        try container.encode(body, forKey: .body)
        try container.encode(body_text, forKey: .body_text)
        try container.encode(`private`, forKey: .private)
        try container.encode(incoming, forKey: .incoming)
        try container.encode(user_id, forKey: .user_id)
        try container.encode(attachments, forKey: .attachments)
        try container.encode(created_at, forKey: .created_at)
    }

    enum CodingKeys: String, CodingKey {
        case id, ticket_id, body, body_text, `private`, incoming, user_id, attachments, created_at
    }
}
