import Fluent
import Foundation
import LanternCore

/// A ticket's conversation: agents' replies and private notes, customers' replies, and the status moves they make
/// (`TicketLifecycle`). Each entry, its attachments, the ticket's new status and update time, the webhook
/// delivery and the notifications (`MailOutbox`) commit in one transaction.
enum ConversationService {
    /// Who wrote an entry.
    enum Author: Sendable {
        case agent(id: Int?)
        case contact(id: Int?)
    }

    /// An entry as stored, with the ticket it joined (a new one when a customer replied to a closed ticket).
    struct Added: Sendable {
        let entry: TicketConversation
        let ticket: Ticket
        let attachments: [TicketService.AttachmentInfo]
    }

    /// An agent's public reply (moves an open ticket to pending, posts `ticket.replied`, mails the requester) or
    /// private note (changes no status, posts and mails nothing). Throws 404 `ticket_not_found` for another
    /// account's ticket.
    static func addAgentEntry(ticketID: Int, accountID: Int, agentID: Int?, body: TicketBody, isPrivate: Bool,
                              attachments: [TicketService.AcceptedFile], on db: any Database) async throws -> Added {
        try await db.writeTransaction { db in
            guard let ticket = try await TicketService.lockedTicket(ticketID, accountID: accountID, on: db) else {
                throw AppError.ticketNotFound
            }
            return try await addAgentEntry(to: ticket, agentID: agentID, body: body, isPrivate: isPrivate,
                                           attachments: attachments, on: db)
        }
    }

    /// `addAgentEntry` inside a write transaction, on a ticket `TicketService.lockedTicket` returned.
    static func addAgentEntry(to ticket: Ticket, agentID: Int?, body: TicketBody, isPrivate: Bool,
                              attachments: [TicketService.AcceptedFile], on db: any Database) async throws -> Added {
        if !isPrivate {
            ticket.status = TicketLifecycle.statusAfterAgentReply(ticket.ticketStatus).rawValue
        }
        return try await append(body, to: ticket, author: .agent(id: agentID), isPrivate: isPrivate,
                                attachments: attachments, on: db)
    }

    /// Who wrote a customer reply: a contact, or (for a mail) just an address that is the ticket's requester's.
    struct Requester: Sendable {
        let contactID: Int?
        let name: String
        let email: String
    }

    /// A customer's reply to a ticket they may see: reopens a pending or resolved ticket; on a closed ticket it
    /// starts a new ticket linking to it, with the reply as its description. Throws 404 `ticket_not_found` when the
    /// ticket is not the customer's.
    static func addCustomerReply(ticketID: Int, accountID: Int, contact: Contact, body: TicketBody, source: TicketSource,
                                 attachments: [TicketService.AcceptedFile], on db: any Database) async throws -> Added {
        try await db.writeTransaction { db in
            guard let ticket = try await TicketService.lockedTicket(ticketID, accountID: accountID, on: db),
                  CustomerTicketService.belongs(ticket, to: contact) else { throw AppError.ticketNotFound }
            return try await addCustomerReply(to: ticket, requester: Requester(contactID: contact.id, name: contact.name, email: contact.email),
                                              body: body, source: source, attachments: attachments, on: db)
        }
    }

    /// `addCustomerReply` inside a write transaction, on a locked ticket whose requester the caller has checked.
    static func addCustomerReply(to ticket: Ticket, requester: Requester, body: TicketBody, source: TicketSource,
                                 attachments: [TicketService.AcceptedFile], on db: any Database) async throws -> Added {
        switch TicketLifecycle.customerReply(to: ticket.ticketStatus) {
        case .join(let status):
            ticket.status = status.rawValue
            return try await append(body, to: ticket, author: .contact(id: requester.contactID), isPrivate: false,
                                    attachments: attachments, on: db)
        case .newTicket:
            return try await followUp(ticket, requester: requester, body: body, source: source, attachments: attachments, on: db)
        }
    }

    /// The entries after the description, oldest first; private notes only when `includingPrivate`.
    static func entries(ticketID: Int, includingPrivate: Bool, page: PageRequest?, on db: any Database) async throws -> Page<TicketConversation> {
        var query = TicketConversation.query(on: db).filter(\.$ticketID == ticketID)
        if !includingPrivate { query = query.filter(\.$isPrivate == false) }
        query = query.sort(\.$id, .ascending)
        guard let page else {
            let all = try await query.all()
            return Page(fetched: all, request: PageRequest(page: 1, perPage: max(all.count, 1)))
        }
        return Page(fetched: try await query.offset(page.offset).limit(page.perPage + 1).all(), request: page)
    }

    private static func append(_ body: TicketBody, to ticket: Ticket, author: Author, isPrivate: Bool,
                               attachments: [TicketService.AcceptedFile], on db: any Database) async throws -> Added {
        let ticketID = try ticket.requireID()
        let entry: TicketConversation
        switch author {
        case .agent(let id):
            entry = TicketConversation(accountID: ticket.accountID, ticketID: ticketID, body: body.html, bodyText: body.text,
                                       isPrivate: isPrivate, incoming: false, agentID: id, contactID: nil)
        case .contact(let id):
            entry = TicketConversation(accountID: ticket.accountID, ticketID: ticketID, body: body.html, bodyText: body.text,
                                       isPrivate: false, incoming: true, agentID: nil, contactID: id)
        }
        try await entry.create(on: db)
        let entryID = try entry.requireID()
        let next = try await TicketAttachment.query(on: db).filter(\.$ticketID == ticketID).max(\.$position).map { $0 + 1 } ?? 0
        try await TicketService.storeAttachments(attachments, accountID: ticket.accountID, ticketID: ticketID,
                                                 conversationID: entryID, firstPosition: next, on: db)
        ticket.updatedAt = Date()
        try await ticket.save(on: db)
        if !isPrivate {
            try await TicketService.enqueueWebhook(.ticketReplied, accountID: ticket.accountID, ticketID: ticketID,
                                                   conversationID: entryID, on: db)
            switch author {
            case .agent: try await MailOutbox.agentReplied(ticket, entryID: entryID, on: db)
            case .contact: try await MailOutbox.customerReplied(ticket, entryID: entryID, on: db)
            }
        }
        let stored = try await TicketService.attachments(ofEntries: [entryID], on: db)
        return Added(entry: entry, ticket: ticket, attachments: stored[entryID] ?? [])
    }

    /// A new ticket from a reply to the closed `ticket`: same requester and subject, the reply as its description.
    private static func followUp(_ ticket: Ticket, requester: Requester, body: TicketBody, source: TicketSource,
                                 attachments: [TicketService.AcceptedFile], on db: any Database) async throws -> Added {
        let followUp = Ticket(accountID: ticket.accountID, widgetID: ticket.widgetID, contactID: requester.contactID,
                              name: requester.name, email: requester.email, subject: ticket.subject,
                              description: body.text, verified: source != .email, requesterIP: nil)
        followUp.source = source.rawValue
        followUp.priority = ticket.priority
        followUp.type = ticket.type
        followUp.linkedTicketID = ticket.id
        let followUps = try await TicketService.CreationFollowUps.read(for: followUp, on: db)
        followUp.updatedAt = Date()
        try await followUp.create(on: db)
        let followUpID = try followUp.requireID()
        try await TicketService.storeAttachments(attachments, accountID: ticket.accountID, ticketID: followUpID,
                                                 conversationID: nil, firstPosition: 0, on: db)
        try await followUps.write(for: followUp, on: db)
        // The follow-up's first entry is its description; the answer describes it as an entry of the new ticket.
        let entry = TicketConversation(accountID: ticket.accountID, ticketID: followUpID, body: body.html, bodyText: body.text,
                                       isPrivate: false, incoming: true, agentID: nil, contactID: requester.contactID)
        entry.createdAt = followUp.createdAt
        let stored = try await TicketService.attachments(ofTickets: [followUpID], on: db)
        return Added(entry: entry, ticket: followUp, attachments: stored[followUpID] ?? [])
    }
}
