import Fluent
import Foundation
import LanternCore
import SQLKit
import Vapor

/// Stores tickets: the rate limit, the ticket, its attachments and its webhook delivery commit together in one
/// transaction, or not at all. Also reads them back for agents.
enum TicketService {
    /// A validated ticket to store.
    struct NewTicket: Sendable {
        let accountID: Int
        let widgetID: Int
        let contactID: Int?
        let submission: TicketSubmission
        let requesterIP: String?
        let attachments: [AcceptedFile]
    }

    /// An attachment that passed `AttachmentPolicy`, spooled to a temporary file.
    struct AcceptedFile: Sendable {
        let accepted: AttachmentPolicy.Accepted
        let file: SpooledFile
    }

    /// Creates the ticket, or throws 429 `rate_limited` (with `Retry-After`) when its address or requester has
    /// sent `limit.count` tickets in the last `limit.seconds`. Returns once everything is committed. Attachments are
    /// read back from their spooled files one at a time, as each is stored.
    static func create(_ new: NewTicket, limit: RateLimit?, on db: any Database) async throws -> Ticket {
        try await db.writeTransaction { db in
            if let limit {
                try await checkRateLimit(new, limit: limit, on: db)
            }
            let submission = new.submission
            let ticket = Ticket(accountID: new.accountID, widgetID: new.widgetID, contactID: new.contactID,
                                name: submission.name, email: submission.email.value, subject: submission.subject,
                                description: submission.description, verified: submission.verified,
                                requesterIP: new.requesterIP)
            try await ticket.create(on: db)
            let ticketID = try ticket.requireID()
            for (position, file) in new.attachments.enumerated() {
                try await TicketAttachment(accountID: new.accountID, ticketID: ticketID, position: position,
                                           filename: file.accepted.filename, contentType: file.accepted.contentType,
                                           sha256: file.file.sha256, data: try file.file.contents()).create(on: db)
            }
            if try await TicketWebhook.query(on: db).filter(\.$accountID == new.accountID).first() != nil {
                try await WebhookDelivery(accountID: new.accountID, ticketID: ticketID, nextAttemptAt: Date()).create(on: db)
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

    /// Filters of the agent's ticket list.
    struct Filter: Sendable {
        var email: String?
        var verified: Bool?
        var widgetID: Int?
        var createdSince: Date?

        init(email: String? = nil, verified: Bool? = nil, widgetID: Int? = nil, createdSince: Date? = nil) {
            self.email = email
            self.verified = verified
            self.widgetID = widgetID
            self.createdSince = createdSince
        }

        /// The agent API's filter from its query parameters as sent (`parameter` looks one up): `email`,
        /// `verified`, `widget_id`, and `created_since` (or Freshdesk's `updated_since`: tickets do not change after
        /// they are created) as an ISO 8601 time. A value that does not parse is a 422 naming its parameter.
        init(apiParameters parameter: (String) -> String?) throws {
            var errors: [String: String] = [:]
            if let email = parameter("email") {
                if email.unicodeScalars.contains(where: { FieldErrors.isControl($0, allowingLineBreaks: false) }) {
                    errors["email"] = "must not contain control characters"
                } else {
                    self.email = EmailAddress.normalized(email) ?? email
                }
            }
            if let verified = parameter("verified") {
                switch verified.lowercased() {
                case "true", "1": self.verified = true
                case "false", "0": self.verified = false
                default: errors["verified"] = "must be true or false"
                }
            }
            if let widget = parameter("widget_id") {
                if let id = Int(widget), id > 0 { widgetID = id } else { errors["widget_id"] = "must be a widget id" }
            }
            for name in ["created_since", "updated_since"] {
                guard let raw = parameter(name) else { continue }
                if let date = Self.time(raw) { createdSince = date } else {
                    errors[name] = "must be an ISO 8601 time, e.g. 2026-01-31T12:00:00Z"
                }
            }
            if !errors.isEmpty { throw AppError.validation(errors) }
        }

        /// An ISO 8601 time, with or without fractional seconds, or a bare date (midnight UTC).
        private static func time(_ raw: String) -> Date? {
            if let date = try? Date(raw, strategy: .iso8601) { return date }
            if let date = try? Date(raw, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
            return try? Date(raw + "T00:00:00Z", strategy: .iso8601)
        }
    }

    /// The ticket of this id in the account, if any.
    static func find(_ id: Int, accountID: Int, on db: any Database) async throws -> Ticket? {
        try await Ticket.find(id, inAccount: accountID, on: db)
    }

    /// A page of an account's tickets, newest first.
    static func list(accountID: Int, filter: Filter, page: PageRequest, on db: any Database) async throws -> Page<Ticket> {
        var query = Ticket.query(on: db).filter(\.$accountID == accountID)
        if let email = filter.email { query = query.filter(\.$email == email) }
        if let verified = filter.verified { query = query.filter(\.$verified == verified) }
        if let widgetID = filter.widgetID { query = query.filter(\.$widgetID == widgetID) }
        if let since = filter.createdSince { query = query.filter(\.$createdAt >= since) }
        let rows = try await query.sort(\.$createdAt, .descending).sort(\.$id, .descending)
            .offset(page.offset).limit(page.perPage + 1).all()
        return Page(fetched: rows, request: page)
    }

    /// Attachment metadata (not the bytes) of these tickets, by ticket id, in order.
    static func attachments(ofTickets ticketIDs: [Int], on db: any Database) async throws -> [Int: [AttachmentInfo]] {
        guard !ticketIDs.isEmpty else { return [:] }
        let rows = try await TicketAttachment.query(on: db).filter(\.$ticketID ~~ ticketIDs)
            .field(\.$id).field(\.$ticketID).field(\.$position).field(\.$filename).field(\.$contentType)
            .field(\.$size).field(\.$sha256)
            .sort(\.$position).all()
        return Dictionary(grouping: rows.map(AttachmentInfo.init), by: \.ticketID)
    }

    /// An attachment without its bytes.
    struct AttachmentInfo: Sendable {
        let ticketID: Int
        let position: Int
        let filename: String
        let contentType: String
        let size: Int
        let sha256: String

        init(_ row: TicketAttachment) {
            ticketID = row.ticketID
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
