import Foundation
import LanternCore
import Vapor

/// A ticket as the agent API and the ticket webhook send it, Freshdesk's shape: `description` is HTML (a typed
/// description escaped, its line breaks `<br>`), `description_text` its plain text.
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
        /// Path of the download, relative to the host.
        let attachment_url: String

        /// The attachment, downloaded at `<base>/attachments/<position>`.
        init(_ info: TicketService.AttachmentInfo, under base: String) {
            name = info.filename
            content_type = info.contentType
            size = info.size
            sha256 = info.sha256
            attachment_url = "\(base)/attachments/\(info.position)"
        }
    }

    let id: Int
    let subject: String
    let description: String
    let description_text: String
    let status: Int
    let priority: Int
    let type: String?
    let source: Int
    let responder_id: Int?
    let tags: [String]
    let linked_ticket_id: Int?
    let name: String
    let email: String
    let verified: Bool
    let widget_id: Int?
    let requester_id: Int?
    let requester: Requester
    let attachments: [Attachment]
    /// The custom fields' values, `cf_…` to a value (Freshdesk's `custom_fields`).
    let custom_fields: [String: CustomFieldValue]
    let created_at: Date?
    let updated_at: Date?

    init(_ ticket: Ticket, attachments: [TicketService.AttachmentInfo]) throws {
        let id = try ticket.requireID()
        self.id = id
        subject = ticket.subject
        description = ticket.descriptionHTML ?? TicketBody(plainText: ticket.description).html
        description_text = ticket.description
        status = ticket.status
        priority = ticket.priority
        type = ticket.type
        source = ticket.source
        responder_id = ticket.responderID
        tags = ticket.tags
        linked_ticket_id = ticket.linkedTicketID
        name = ticket.name
        email = ticket.email
        verified = ticket.verified
        widget_id = ticket.widgetID
        requester_id = ticket.contactID
        requester = Requester(id: ticket.contactID, name: ticket.name, email: ticket.email)
        self.attachments = attachments.map { Attachment($0, under: "/api/v2/tickets/\(id)") }
        custom_fields = ticket.customFields
        created_at = ticket.createdAt
        updated_at = ticket.updatedAt
    }

    /// Absent values are sent as `null`, as in Freshdesk's API.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(subject, forKey: .subject)
        try container.encode(description, forKey: .description)
        try container.encode(description_text, forKey: .description_text)
        try container.encode(status, forKey: .status)
        try container.encode(priority, forKey: .priority)
        try container.encode(type, forKey: .type)
        try container.encode(source, forKey: .source)
        try container.encode(responder_id, forKey: .responder_id)
        try container.encode(tags, forKey: .tags)
        try container.encode(linked_ticket_id, forKey: .linked_ticket_id)
        try container.encode(name, forKey: .name)
        try container.encode(email, forKey: .email)
        try container.encode(verified, forKey: .verified)
        try container.encode(widget_id, forKey: .widget_id)
        try container.encode(requester_id, forKey: .requester_id)
        try container.encode(requester, forKey: .requester)
        try container.encode(attachments, forKey: .attachments)
        try container.encode(custom_fields, forKey: .custom_fields)
        try container.encode(created_at, forKey: .created_at)
        try container.encode(updated_at, forKey: .updated_at)
    }

    enum CodingKeys: String, CodingKey {
        case id, subject, description, description_text, status, priority, type, source, responder_id, tags,
             linked_ticket_id, name, email, verified, widget_id, requester_id, requester, attachments, custom_fields, created_at, updated_at
    }
}
