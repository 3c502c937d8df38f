import Fluent
import Foundation
import LanternCore
import SQLKit
import Vapor

/// Stores tickets: the rate limit, the ticket, its attachments, its webhook delivery and its notifications commit
/// together in one transaction, or not at all. Changes agents make to a ticket's properties, and reads for agents.
enum TicketService {
    /// A validated ticket to store.
    struct NewTicket: Sendable {
        let accountID: Int
        let widgetID: Int?
        let contactID: Int?
        let submission: TicketSubmission
        let requesterIP: String?
        let attachments: [AcceptedFile]
        var properties = TicketProperties()
        /// The description as sanitised HTML, when it was written as HTML.
        var descriptionHTML: String? = nil
        /// The closed ticket this one follows up.
        var linkedTicketID: Int? = nil
    }

    /// An attachment that passed `AttachmentPolicy`, spooled to a temporary file.
    struct AcceptedFile: Sendable {
        let accepted: AttachmentPolicy.Accepted
        let file: SpooledFile
    }

    /// Creates the ticket, or throws 429 `rate_limited` (with `Retry-After`) when its address or requester has
    /// sent `limit.count` tickets in the last `limit.seconds`. Returns once everything is committed. Attachments are
    /// read back from their spooled files one at a time, as each is stored. What the ticket's webhook delivery and
    /// notifications need is read before the write transaction, so that it only writes (on SQLite, the one writer
    /// holds its turn for those statements alone).
    static func create(_ new: NewTicket, limit: RateLimit?, on db: any Database) async throws -> Ticket {
        let ticket = makeTicket(new)
        let followUps = try await CreationFollowUps.read(for: ticket, on: db)
        return try await db.writeTransaction { db in try await insert(ticket, new, limit: limit, followUps: followUps, on: db) }
    }

    /// `create` inside a write transaction.
    static func create(_ new: NewTicket, limit: RateLimit?, inTransaction db: any Database) async throws -> Ticket {
        let ticket = makeTicket(new)
        return try await insert(ticket, new, limit: limit, followUps: try await CreationFollowUps.read(for: ticket, on: db), on: db)
    }

    /// What a new ticket causes beside itself: a webhook delivery when the account has a webhook, and its notices.
    struct CreationFollowUps: Sendable {
        let webhook: Bool
        let notices: [MailOutbox.Notice]

        static func read(for ticket: Ticket, on db: any Database) async throws -> CreationFollowUps {
            CreationFollowUps(webhook: try await hasWebhook(accountID: ticket.accountID, on: db),
                              notices: try await MailOutbox.ticketCreatedNotices(ticket, on: db))
        }

        /// Writes them for `ticket`, stored in the same transaction.
        func write(for ticket: Ticket, on db: any Database) async throws {
            if webhook {
                try await WebhookDelivery(accountID: ticket.accountID, ticketID: try ticket.requireID(), event: .ticketCreated,
                                          nextAttemptAt: Date()).create(on: db)
            }
            try await MailOutbox.queue(notices, ticket: ticket, entryID: nil, on: db)
        }
    }

    private static func makeTicket(_ new: NewTicket) -> Ticket {
        let submission = new.submission
        let ticket = Ticket(accountID: new.accountID, widgetID: new.widgetID, contactID: new.contactID,
                            name: submission.name, email: submission.email.value, subject: submission.subject,
                            description: submission.description, verified: submission.verified,
                            requesterIP: new.requesterIP)
        new.properties.apply(to: ticket)
        ticket.descriptionHTML = new.descriptionHTML
        ticket.linkedTicketID = new.linkedTicketID
        return ticket
    }

    private static func insert(_ ticket: Ticket, _ new: NewTicket, limit: RateLimit?, followUps: CreationFollowUps,
                               on db: any Database) async throws -> Ticket {
        if let limit {
            try await checkRateLimit(new, limit: limit, on: db)
        }
        ticket.updatedAt = Date()
        try await ticket.create(on: db)
        let ticketID = try ticket.requireID()
        try await storeAttachments(new.attachments, accountID: new.accountID, ticketID: ticketID, conversationID: nil,
                                   firstPosition: 0, on: db)
        try await followUps.write(for: ticket, on: db)
        return ticket
    }

    /// Stores spooled attachments one at a time, numbered from `firstPosition`.
    static func storeAttachments(_ files: [AcceptedFile], accountID: Int, ticketID: Int, conversationID: Int?,
                                 firstPosition: Int, on db: any Database) async throws {
        for (offset, file) in files.enumerated() {
            try await TicketAttachment(accountID: accountID, ticketID: ticketID, conversationID: conversationID,
                                       position: firstPosition + offset, filename: file.accepted.filename,
                                       contentType: file.accepted.contentType, sha256: file.file.sha256,
                                       data: try file.file.contents()).create(on: db)
        }
    }

    /// Writes a webhook delivery for the event when the account has a webhook (call inside the change's transaction).
    static func enqueueWebhook(_ event: WebhookEvent, accountID: Int, ticketID: Int, conversationID: Int? = nil,
                               on db: any Database) async throws {
        guard try await hasWebhook(accountID: accountID, on: db) else { return }
        try await WebhookDelivery(accountID: accountID, ticketID: ticketID, event: event, conversationID: conversationID,
                                  nextAttemptAt: Date()).create(on: db)
    }

    private static func hasWebhook(accountID: Int, on db: any Database) async throws -> Bool {
        try await TicketWebhook.query(on: db).filter(\.$accountID == accountID).first() != nil
    }

    /// The ticket, re-read inside a write transaction and locked against concurrent changes until it commits
    /// (PostgreSQL `FOR UPDATE`; SQLite's write transaction already serialises writers).
    static func lockedTicket(_ id: Int, accountID: Int, on db: any Database) async throws -> Ticket? {
        if !db.isSQLite {
            try await db.sql.raw("SELECT id FROM tickets WHERE id = \(bind: id) FOR UPDATE").run()
        }
        return try await Ticket.find(id, inAccount: accountID, on: db)
    }

    /// Applies an agent's changes to a ticket's properties, after checking that the type is one of the account's and
    /// the assignee one of its agents (422 `validation_failed` naming the field otherwise). A change of status,
    /// priority, type or assignee posts `ticket.updated`. Throws 404 `ticket_not_found` for another account's ticket.
    static func update(_ id: Int, accountID: Int, changes: TicketChanges, on db: any Database) async throws -> Ticket {
        try await changes.check(accountID: accountID, on: db)
        var fieldErrors = FieldErrors()
        let custom = try await changes.customFieldValues(accountID: accountID, &fieldErrors, on: db)
        try fieldErrors.throwIfAny()
        return try await db.writeTransaction { db in
            guard let ticket = try await lockedTicket(id, accountID: accountID, on: db) else { throw AppError.ticketNotFound }
            let before = (ticket.status, ticket.priority, ticket.type, ticket.responderID, ticket.customFieldsJSON)
            changes.apply(to: ticket)
            if !custom.isEmpty {
                var values = ticket.customFields
                for (name, value) in custom { values[name] = value }
                if values != ticket.customFields { ticket.customFields = values }
            }
            guard ticket.hasChanges else { return ticket }
            ticket.updatedAt = Date()
            try await ticket.save(on: db)
            if before != (ticket.status, ticket.priority, ticket.type, ticket.responderID, ticket.customFieldsJSON) {
                try await enqueueWebhook(.ticketUpdated, accountID: accountID, ticketID: id, on: db)
            }
            return ticket
        }
    }

    /// Counts the tickets of the same address and of the same requester (by email) in the window. On
    /// PostgreSQL, transaction-scoped advisory locks make concurrent requests for one key take turns; SQLite's
    /// write transaction already does.
    private static func checkRateLimit(_ new: NewTicket, limit: RateLimit, on db: any Database) async throws {
        let email = new.submission.email.value
        if !db.isSQLite {
            var keys = ["ticket-rate:\(new.accountID):email:\(email)"]
            if let ip = new.requesterIP { keys.insert("ticket-rate:\(new.accountID):ip:\(ip)", at: 0) }
            for key in keys {
                try await db.sql.raw("SELECT pg_advisory_xact_lock(hashtext(\(bind: key)))").run()
            }
        }
        try await checkRateLimit(accountID: new.accountID, requesterIP: new.requesterIP, email: email, limit: limit, on: db)
    }

    /// Throws 429 `rate_limited` (with `Retry-After`) when the address or the requester's email has used up `limit`.
    /// Also called before a ticket's body is read, with what is known then (the address, a signed-in requester's
    /// email); `create` checks again inside its transaction.
    static func checkRateLimit(accountID: Int, requesterIP: String?, email: String?, limit: RateLimit,
                                       on db: any Database) async throws {
        let now = Date()
        let windowStart = now.addingTimeInterval(-Double(limit.seconds))
        func recent(_ filter: (QueryBuilder<Ticket>) -> QueryBuilder<Ticket>) async throws -> [Double] {
            try await filter(Ticket.query(on: db).filter(\.$accountID == accountID)
                .filter(\.$createdAt > windowStart))
                .sort(\.$createdAt, .descending).limit(limit.count)
                .all().compactMap { $0.createdAt?.timeIntervalSince1970 }
        }
        var waits: [Int] = []
        if let ip = requesterIP {
            let times = try await recent { $0.filter(\.$requesterIP == ip) }
            if let wait = limit.retryAfter(recentEvents: times, now: now.timeIntervalSince1970) { waits.append(wait) }
        }
        if let email {
            let times = try await recent { $0.filter(\.$email == email) }
            if let wait = limit.retryAfter(recentEvents: times, now: now.timeIntervalSince1970) { waits.append(wait) }
        }
        if let wait = waits.max() {
            throw AppError(.rateLimited, "Too many tickets: at most \(limit.count) every \(limit.seconds) seconds. Try again in \(wait) seconds.",
                           headers: ["Retry-After": String(wait)])
        }
    }

    /// The ticket of this id in the account, if any.
    static func find(_ id: Int, accountID: Int, on db: any Database) async throws -> Ticket? {
        try await Ticket.find(id, inAccount: accountID, on: db)
    }

    /// A page of an account's tickets that pass `filter`, in its order.
    static func list(accountID: Int, filter: TicketFilter, page: PageRequest, on db: any Database) async throws -> Page<Ticket> {
        let query = filter.apply(to: Ticket.query(on: db).filter(\.$accountID == accountID), includingStatus: true)
        let rows = try await filter.sort(query).offset(page.offset).limit(page.perPage + 1).all()
        return Page(fetched: rows, request: page)
    }

    /// How many of the account's tickets that pass `filter` (its status aside) are in each status.
    static func countsByStatus(accountID: Int, filter: TicketFilter, on db: any Database) async throws -> [TicketStatus: Int] {
        var counts: [TicketStatus: Int] = [:]
        for status in TicketStatus.allCases {
            counts[status] = try await filter.apply(to: Ticket.query(on: db).filter(\.$accountID == accountID), includingStatus: false)
                .filter(\.$status == status.rawValue).count()
        }
        return counts
    }

    /// Attachment metadata (not the bytes) of these tickets' descriptions, by ticket id, in order.
    static func attachments(ofTickets ticketIDs: [Int], on db: any Database) async throws -> [Int: [AttachmentInfo]] {
        guard !ticketIDs.isEmpty else { return [:] }
        let rows = try await attachmentInfoQuery(on: db).filter(\.$ticketID ~~ ticketIDs).filter(\.$conversationID == nil)
            .sort(\.$position).all()
        return Dictionary(grouping: rows.map(AttachmentInfo.init), by: \.ticketID)
    }

    /// Attachment metadata of these conversation entries, by entry id, in order.
    static func attachments(ofEntries entryIDs: [Int], on db: any Database) async throws -> [Int: [AttachmentInfo]] {
        guard !entryIDs.isEmpty else { return [:] }
        let rows = try await attachmentInfoQuery(on: db).filter(\.$conversationID ~~ entryIDs).sort(\.$position).all()
        return Dictionary(grouping: rows.map(AttachmentInfo.init), by: { $0.conversationID ?? 0 })
    }

    private static func attachmentInfoQuery(on db: any Database) -> QueryBuilder<TicketAttachment> {
        TicketAttachment.query(on: db)
            .field(\.$id).field(\.$ticketID).field(\.$conversationID).field(\.$position).field(\.$filename)
            .field(\.$contentType).field(\.$size).field(\.$sha256)
    }

    /// An attachment without its bytes.
    struct AttachmentInfo: Sendable {
        let ticketID: Int
        let conversationID: Int?
        let position: Int
        let filename: String
        let contentType: String
        let size: Int
        let sha256: String

        init(_ row: TicketAttachment) {
            ticketID = row.ticketID
            conversationID = row.conversationID
            position = row.position
            filename = row.filename
            contentType = row.contentType
            size = row.size
            sha256 = row.sha256
        }
    }

    /// The n-th attachment of a ticket, with its bytes.
    static func attachment(ticketID: Int, position: Int, on db: any Database) async throws -> TicketAttachment? {
        try await TicketAttachment.query(on: db).filter(\.$ticketID == ticketID).filter(\.$position == position).first()
    }
}
