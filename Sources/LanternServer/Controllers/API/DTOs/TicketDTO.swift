import Foundation
import Vapor

/// A ticket as the agent API and the ticket webhook send it. `description` is the requester's plain text.
struct TicketDTO: Content {
    struct Requester: Content {
        let id: Int?
        let name: String
        let email: String

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(name, forKey: .name)
            try container.encode(email, forKey: .email)
        }
    }

    struct Attachment: Content {
        let name: String
        let content_type: String
        let size: Int
        let sha256: String
        /// Path of the download, relative to the API's host.
        let attachment_url: String
    }

    let id: Int
    let subject: String
    let description: String
    let name: String
    let email: String
    let verified: Bool
    let widget_id: Int?
    let requester_id: Int?
    let requester: Requester
    let attachments: [Attachment]
    let created_at: Date?

    init(_ ticket: Ticket, attachments: [TicketService.AttachmentInfo]) throws {
        let id = try ticket.requireID()
        self.id = id
        subject = ticket.subject
        description = ticket.description
        name = ticket.name
        email = ticket.email
        verified = ticket.verified
        widget_id = ticket.widgetID
        requester_id = ticket.contactID
        requester = Requester(id: ticket.contactID, name: ticket.name, email: ticket.email)
        self.attachments = attachments.map {
            Attachment(name: $0.filename, content_type: $0.contentType, size: $0.size, sha256: $0.sha256,
                       attachment_url: "/api/v2/tickets/\(id)/attachments/\($0.position)")
        }
        created_at = ticket.createdAt
    }

    /// Absent values are sent as `null`, as in Freshdesk's API.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(subject, forKey: .subject)
        try container.encode(description, forKey: .description)
        try container.encode(name, forKey: .name)
        try container.encode(email, forKey: .email)
        try container.encode(verified, forKey: .verified)
        try container.encode(widget_id, forKey: .widget_id)
        try container.encode(requester_id, forKey: .requester_id)
        try container.encode(requester, forKey: .requester)
        try container.encode(attachments, forKey: .attachments)
        try container.encode(created_at, forKey: .created_at)
    }

    enum CodingKeys: String, CodingKey {
        case id, subject, description, name, email, verified, widget_id, requester_id, requester, attachments, created_at
    }
}
