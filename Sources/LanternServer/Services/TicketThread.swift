import Fluent
import LanternCore

/// A ticket as a page shows it: the ticket, its description's attachments, and its conversation with each entry's
/// attachments.
struct TicketThread: Sendable {
    let ticket: Ticket
    let attachments: [TicketService.AttachmentInfo]
    let entries: [TicketConversation]
    let entryAttachments: [Int: [TicketService.AttachmentInfo]]

    /// Loads the whole conversation; private notes only when `includingPrivate` (agents).
    static func load(_ ticket: Ticket, includingPrivate: Bool, on db: any Database) async throws -> TicketThread {
        let id = try ticket.requireID()
        let entries = try await ConversationService.entries(ticketID: id, includingPrivate: includingPrivate, page: nil, on: db).items
        return TicketThread(ticket: ticket,
                            attachments: try await TicketService.attachments(ofTickets: [id], on: db)[id] ?? [],
                            entries: entries,
                            entryAttachments: try await TicketService.attachments(ofEntries: entries.compactMap(\.id), on: db))
    }
}
