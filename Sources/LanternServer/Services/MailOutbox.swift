import Fluent
import Foundation
import LanternCore

/// Queues the notifications an event causes, inside the event's own transaction (so that a ticket or a reply and
/// its notifications commit together, or not at all): the requester's acknowledgement and agents' notice of a new
/// ticket, the requester's copy of an agent's public reply, agents' notice of a customer's reply. The account's
/// mail settings say which go out; agents are the assignee, or every agent of the account while it has none.
/// Each event's notices are worked out by reads (`…Notices`) and queued by one insert (`queue`), so that a caller
/// may read before its write transaction and keep the transaction to writes.
enum MailOutbox {
    /// A message to queue: what it is, to whom, in which language.
    struct Notice: Sendable, Equatable {
        let kind: MailNotice.Kind
        let recipient: String
        let recipientName: String
        let language: String
    }

    /// The notices a new ticket (from the widget, the portal, the API, a mail or a reply to a closed ticket) causes;
    /// `ticket` need not be stored yet.
    static func ticketCreatedNotices(_ ticket: Ticket, on db: any Database) async throws -> [Notice] {
        let settings = try await MailSettingsService.show(accountID: ticket.accountID, on: db)
        var notices: [Notice] = []
        if settings[.requesterTicketCreated] { notices += try await toRequester(.requesterTicketCreated, ticket: ticket, on: db) }
        if settings[.agentsTicketCreated] { notices += try await toAgents(.agentsTicketCreated, ticket: ticket, on: db) }
        return notices
    }

    /// An agent's public reply.
    static func agentReplied(_ ticket: Ticket, entryID: Int, on db: any Database) async throws {
        let settings = try await MailSettingsService.show(accountID: ticket.accountID, on: db)
        guard settings[.requesterAgentReply] else { return }
        try await queue(try await toRequester(.requesterAgentReply, ticket: ticket, on: db), ticket: ticket, entryID: entryID, on: db)
    }

    /// A customer's reply (from the widget, the portal or a mail).
    static func customerReplied(_ ticket: Ticket, entryID: Int, on db: any Database) async throws {
        let settings = try await MailSettingsService.show(accountID: ticket.accountID, on: db)
        guard settings[.agentsCustomerReply] else { return }
        try await queue(try await toAgents(.agentsCustomerReply, ticket: ticket, on: db), ticket: ticket, entryID: entryID, on: db)
    }

    /// Queues `notices` about the stored `ticket` (and the entry `entryID` of its conversation) in one insert.
    static func queue(_ notices: [Notice], ticket: Ticket, entryID: Int?, on db: any Database) async throws {
        guard !notices.isEmpty else { return }
        let ticketID = try ticket.requireID()
        try await notices.map { notice in
            OutboxMail(accountID: ticket.accountID, ticketID: ticketID, conversationID: entryID, kind: notice.kind.rawValue,
                       recipient: notice.recipient, recipientName: notice.recipientName, language: notice.language,
                       messageKey: "lantern." + SecretGenerator.hex(SecretGenerator.randomBytes(16)))
        }.create(on: db)
    }

    private static func toRequester(_ kind: MailNotice.Kind, ticket: Ticket, on db: any Database) async throws -> [Notice] {
        // Lantern's SMTP client speaks no SMTPUTF8: an address with non-ASCII characters gets no mail.
        guard let address = EmailAddress(ticket.email)?.value, address.allSatisfy(\.isASCII) else { return [] }
        var contactLanguage: String? = nil
        if let contactID = ticket.contactID {
            contactLanguage = try await Contact.find(contactID, on: db)?.language
        } else {
            contactLanguage = try await Contact.query(on: db).filter(\.$accountID == ticket.accountID)
                .filter(\.$email == address).first()?.language
        }
        let accountLanguage = try await Account.find(ticket.accountID, on: db)?.defaultLanguage
        return [Notice(kind: kind, recipient: address, recipientName: ticket.name,
                       language: MailNotice.language([contactLanguage, accountLanguage]))]
    }

    private static func toAgents(_ kind: MailNotice.Kind, ticket: Ticket, on db: any Database) async throws -> [Notice] {
        var agents = Agent.query(on: db).filter(\.$accountID == ticket.accountID)
        if let responderID = ticket.responderID { agents = agents.filter(\.$id == responderID) }
        let recipients = try await agents.sort(\.$id).all().compactMap { agent in
            EmailAddress(agent.email).flatMap { $0.value.allSatisfy(\.isASCII) ? ($0.value, agent.name) : nil }
        }
        guard !recipients.isEmpty else { return [] }
        let language = MailNotice.language([try await Account.find(ticket.accountID, on: db)?.defaultLanguage])
        return recipients.map { Notice(kind: kind, recipient: $0.0, recipientName: $0.1, language: language) }
    }
}

extension MailOutbox {
    /// A page of the account's outbox, newest first, in one status or all.
    static func list(accountID: Int, status: OutboxMail.Status?, page: PageRequest, on db: any Database) async throws -> Page<OutboxMail> {
        var query = OutboxMail.query(on: db).filter(\.$accountID == accountID)
        if let status { query = query.filter(\.$status == status) }
        return Page(fetched: try await query.sort(\.$id, .descending).offset(page.offset).limit(page.perPage + 1).all(), request: page)
    }

    /// Puts a failed message back in line, due now with a fresh set of attempts. Throws 404 `mail_not_found` for
    /// another account's message, 422 `validation_failed` for one that has not failed.
    static func retry(_ id: Int, accountID: Int, on db: any Database) async throws -> OutboxMail {
        try await db.writeTransaction { db in
            guard let row = try await OutboxMail.query(on: db).filter(\.$id == id).filter(\.$accountID == accountID).first() else {
                throw AppError(.mailNotFound, "There is no such message in the outbox.")
            }
            guard row.status == .failed else {
                throw AppError.validation(["status": "is \(row.status.rawValue): only a failed message can be retried"])
            }
            row.status = .pending
            row.attempts = 0
            row.nextAttemptAt = Date()
            row.leaseUntil = nil
            try await row.save(on: db)
            return row
        }
    }

    /// How many of the account's messages are in each status.
    static func counts(accountID: Int, on db: any Database) async throws -> [OutboxMail.Status: Int] {
        var counts: [OutboxMail.Status: Int] = [:]
        for status in OutboxMail.Status.allCases {
            counts[status] = try await OutboxMail.query(on: db).filter(\.$accountID == accountID).filter(\.$status == status).count()
        }
        return counts
    }
}
