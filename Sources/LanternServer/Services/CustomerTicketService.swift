import Fluent
import Foundation
import LanternCore

/// The tickets a signed-in customer may follow: those whose requester is their contact, and those sent under their
/// e-mail address before they signed in (still marked unverified). Anyone else's ticket does not exist for them.
enum CustomerTicketService {
    /// The contact of a signed-in customer's session, or 401 `login_required` when it no longer exists.
    static func contact(_ id: Int, accountID: Int, on db: any Database) async throws -> Contact {
        guard let contact = try await Contact.find(id, inAccount: accountID, on: db) else {
            throw AppError(.loginRequired, "Sign in again to see your tickets.")
        }
        return contact
    }

    /// Whether `ticket` is the customer's.
    static func belongs(_ ticket: Ticket, to contact: Contact) -> Bool {
        ticket.accountID == contact.accountID && (ticket.contactID == contact.id || ticket.email == contact.email)
    }

    /// The customer's tickets, latest activity first.
    static func list(for contact: Contact, page: PageRequest, on db: any Database) async throws -> Page<Ticket> {
        let rows = try await Ticket.query(on: db).filter(\.$accountID == contact.accountID)
            .group(.or) { $0.filter(\.$contactID == contact.id).filter(\.$email == contact.email) }
            .sort(\.$updatedAt, .descending).sort(\.$id, .descending)
            .offset(page.offset).limit(page.perPage + 1).all()
        return Page(fetched: rows, request: page)
    }

    /// The customer's ticket of this id, or 404 `ticket_not_found`.
    static func find(_ id: Int, for contact: Contact, on db: any Database) async throws -> Ticket {
        guard let ticket = try await Ticket.find(id, inAccount: contact.accountID, on: db), belongs(ticket, to: contact) else {
            throw AppError.ticketNotFound
        }
        return ticket
    }

    /// The ticket with its public conversation (never a private note) and the attachments of both.
    static func thread(_ ticket: Ticket, on db: any Database) async throws -> TicketThread {
        try await TicketThread.load(ticket, includingPrivate: false, on: db)
    }

    /// The attachment at `position` when it belongs to the description or a public entry; `nil` for a private
    /// note's file or none.
    static func publicAttachment(of ticket: Ticket, position: Int, on db: any Database) async throws -> TicketAttachment? {
        let thread = try await thread(ticket, on: db)
        let visible = thread.attachments + thread.entryAttachments.values.flatMap { $0 }
        guard visible.contains(where: { $0.position == position }) else { return nil }
        return try await TicketService.attachment(ticketID: try ticket.requireID(), position: position, on: db)
    }

    /// "This is solved": the customer resolves their own open or pending ticket (posts `ticket.updated`). A
    /// resolved or closed ticket stays as it is.
    static func resolve(_ id: Int, for contact: Contact, on db: any Database) async throws -> Ticket {
        try await db.writeTransaction { db in
            guard let ticket = try await TicketService.lockedTicket(id, accountID: contact.accountID, on: db),
                  belongs(ticket, to: contact) else { throw AppError.ticketNotFound }
            guard TicketLifecycle.customerCanResolve(ticket.ticketStatus) else { return ticket }
            ticket.status = TicketStatus.resolved.rawValue
            ticket.updatedAt = Date()
            try await ticket.save(on: db)
            try await TicketService.enqueueWebhook(.ticketUpdated, accountID: ticket.accountID, ticketID: try ticket.requireID(), on: db)
            return ticket
        }
    }
}
