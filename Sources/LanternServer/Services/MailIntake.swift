import Fluent
import Foundation
import LanternCore

/// Takes one received message (`lantern mail receive`, `POST /api/v2/mail/inbound`) into the account it was sent to:
/// a message to a ticket's reply address, or naming one of the ticket's messages in `In-Reply-To`/`References`,
/// becomes a customer reply on it (quoted history and signature cut) when its sender is the requester, else a
/// private note "from another address"; any other message to the support address becomes a new ticket (source 1,
/// unverified), at most `ticketRateLimit` per sender. Bounces, auto-replies and mail from Lantern's own addresses
/// create nothing (`AutomaticMail`). The original is kept, in the same transaction as what it became, and a message
/// delivered twice (an MTA retrying) is stored once.
enum MailIntake {
    /// The largest message taken: the attachments' 20 MiB in base64, and the text.
    static let maximumBytes = 30 << 20

    /// What the process knows about mail: `LANTERN_MAIL_FROM`, the per-sender limit, where files are spooled.
    struct Context: Sendable {
        var mailFrom: Mailbox?
        var ticketRateLimit: RateLimit?
        var uploadDirectory: String

        init(settings: LanternSettings) {
            mailFrom = settings.mailFrom
            ticketRateLimit = settings.ticketRateLimit
            uploadDirectory = settings.uploadDirectory
        }
    }

    /// What became of a message.
    enum Outcome: Sendable {
        /// Stored as a new ticket, a reply or a note.
        case stored(InboundMail)
        /// This message (its `Message-ID`) was already stored.
        case duplicate(InboundMail)
        /// Automatic mail: nothing created (the reason).
        case ignored(String)
    }

    /// Takes `raw` for `accountID` (the API's caller), or for the account whose support address it was sent to
    /// (`envelopeRecipient`, else its `Delivered-To`, `X-Original-To`, `To` and `Cc`). Throws 422 `mail_refused` for
    /// a message Lantern will never take, 429 `rate_limited` when the sender has opened too many tickets.
    static func receive(_ raw: [UInt8], accountID: Int?, envelopeRecipient: String?, context: Context,
                        on db: any Database) async throws -> Outcome {
        guard raw.count <= maximumBytes else { throw refusal("The message is larger than \(maximumBytes >> 20) MiB.") }
        let mail: IncomingMail
        do {
            mail = try MIMEReader().read(raw)
        } catch {
            throw refusal(error.message)
        }
        guard let from = mail.from, let sender = EmailAddress(from.address)?.value else {
            throw refusal("The message has no valid From address.")
        }
        let recipients = ([envelopeRecipient].compactMap { $0 } + mail.headers(named: "Delivered-To")
            + mail.headers(named: "X-Original-To")).flatMap { Mailbox.list($0).map(\.address) + [$0] }
            + mail.recipients.map(\.address)
        let normalizedRecipients = recipients.compactMap { EmailAddress($0)?.value }
        guard let account = try await account(accountID, recipients: normalizedRecipients, context: context, on: db) else {
            throw refusal("No account has these recipients as its support address: \(Set(normalizedRecipients).sorted().prefix(5).joined(separator: ", ")).")
        }
        let settings = try await MailSettingsService.stored(accountID: account, on: db)
        let own = Set([settings.supportAddress, context.mailFrom?.address].compactMap { $0 })
        if let reason = AutomaticMail.reason(mail, ownAddresses: own) { return .ignored(reason) }
        if let id = mail.messageID, let earlier = try await InboundMail.query(on: db).filter(\.$accountID == account)
            .filter(\.$messageID == id).first() {
            return .duplicate(earlier)
        }
        let ticketID = try await thread(mail, recipients: normalizedRecipients, account: account, key: settings.replyKeyBytes, on: db)
        let files = try spool(mail.attachments, directory: context.uploadDirectory)
        defer { files.accepted.forEach { $0.file.remove() } }
        var text = (ticketID == nil ? mail.text : ReplyTrimmer.trim(mail.text)).trimmingCharacters(in: .whitespacesAndNewlines)
        if !files.notKept.isEmpty {
            text += "\n\n" + files.notKept.map { "[Attachment not kept: \($0)]" }.joined(separator: "\n")
        }
        if text.isEmpty {
            guard !files.accepted.isEmpty else { throw refusal("The message has neither text nor an attachment Lantern keeps.") }
            text = "(no text)"
        }
        let body = Self.storable(text, maximumBytes: TicketBody.maximumBytes)
        let original = Data(raw)
        let subject = storableLine(mail.subject, maximumLength: TicketRules.maximumSubjectLength)
        let name = storableLine(from.name, maximumLength: TicketRules.maximumNameLength)
        let stored = try await db.writeTransaction { db -> InboundMail in
            if let ticketID, let ticket = try await TicketService.lockedTicket(ticketID, accountID: account, on: db) {
                let requesterEmail = EmailAddress(ticket.email)?.value
                if requesterEmail == sender {
                    var contactID = ticket.contactID
                    if contactID == nil {
                        contactID = try await Contact.query(on: db).filter(\.$accountID == account).filter(\.$email == sender).first()?.id
                    }
                    let added = try await ConversationService.addCustomerReply(
                        to: ticket, requester: .init(contactID: contactID, name: ticket.name, email: ticket.email),
                        body: TicketBody(plainText: body), source: .email, attachments: files.accepted, on: db)
                    let isNewTicket = try added.ticket.requireID() != ticketID
                    return try await keep(original, account: account, ticketID: try added.ticket.requireID(),
                                          entryID: isNewTicket ? nil : added.entry.id, mail: mail, sender: sender,
                                          subject: subject, outcome: isNewTicket ? .ticket : .reply, on: db)
                }
                let who = name.isEmpty ? sender : "\(name) <\(sender)>"
                let note = "From another address: \(who)\n\n" + body
                let added = try await ConversationService.addAgentEntry(
                    to: ticket, agentID: nil, body: TicketBody(plainText: Self.storable(note, maximumBytes: TicketBody.maximumBytes)),
                    isPrivate: true, attachments: files.accepted, on: db)
                return try await keep(original, account: account, ticketID: ticketID, entryID: added.entry.id, mail: mail,
                                      sender: sender, subject: subject, outcome: .note, on: db)
            }
            let contactID = try await Contact.query(on: db).filter(\.$accountID == account).filter(\.$email == sender).first()?.id
            var properties = TicketProperties()
            properties.source = .email
            guard let address = EmailAddress(sender) else { throw refusal("The message has no valid From address.") }
            let submission = TicketSubmission(name: name.isEmpty ? String(sender.prefix(while: { $0 != "@" })) : name,
                                              email: address, subject: subject.isEmpty ? "(no subject)" : subject,
                                              description: body, verified: false)
            let ticket = try await TicketService.create(
                TicketService.NewTicket(accountID: account, widgetID: nil, contactID: contactID, submission: submission,
                                        requesterIP: nil, attachments: files.accepted, properties: properties),
                limit: context.ticketRateLimit, inTransaction: db)
            return try await keep(original, account: account, ticketID: try ticket.requireID(), entryID: nil, mail: mail,
                                  sender: sender, subject: subject, outcome: .ticket, on: db)
        }
        return .stored(stored)
    }

    /// A received message's original, for an agent of its account; 404 `mail_not_found` otherwise.
    static func original(_ id: Int, accountID: Int, on db: any Database) async throws -> InboundMail {
        guard let mail = try await InboundMail.query(on: db).filter(\.$id == id).filter(\.$accountID == accountID).first() else {
            throw AppError(.mailNotFound, "There is no received message \(id).")
        }
        return mail
    }

    /// The received messages of a ticket: the one that opened it, and those that became its entries, by entry id.
    static func originals(ofTicket ticketID: Int, on db: any Database) async throws -> (ticket: Int?, byEntry: [Int: Int]) {
        let rows = try await InboundMail.query(on: db).filter(\.$ticketID == ticketID)
            .field(\.$id).field(\.$conversationID).field(\.$outcome).sort(\.$id).all()
        let opening = rows.first { $0.outcome == .ticket }?.id
        var byEntry: [Int: Int] = [:]
        for row in rows { if let entryID = row.conversationID, let id = row.id { byEntry[entryID] = id } }
        return (opening, byEntry)
    }

    private static func refusal(_ message: String) -> AppError {
        AppError(.mailRefused, message)
    }

    private static func keep(_ raw: Data, account: Int, ticketID: Int?, entryID: Int?, mail: IncomingMail, sender: String,
                             subject: String, outcome: InboundMail.Outcome, on db: any Database) async throws -> InboundMail {
        let row = InboundMail(accountID: account, ticketID: ticketID, conversationID: entryID,
                              messageID: mail.messageID.map { String($0.prefix(500)) }, sender: sender, subject: subject,
                              outcome: outcome, raw: raw)
        try await row.create(on: db)
        return row
    }

    /// The account: the caller's, else the one whose support address (or, for accounts without one, whose
    /// `LANTERN_MAIL_FROM` address: the oldest such account) is among the recipients, a reply address counting as
    /// its support address.
    private static func account(_ accountID: Int?, recipients: [String], context: Context, on db: any Database) async throws -> Int? {
        if let accountID { return accountID }
        let bases = recipients.map { ReplyAddress.parse($0)?.supportAddress ?? $0 }
        if let match = try await MailSettings.query(on: db).filter(\.$supportAddress ~~ bases).sort(\.$accountID).first() {
            return match.accountID
        }
        guard let fallback = context.mailFrom?.address, bases.contains(fallback) else { return nil }
        let configured = try await MailSettings.query(on: db).filter(\.$supportAddress != nil).all().map(\.accountID)
        return try await Account.query(on: db).filter(\.$id !~ configured).sort(\.$id).first()?.id
    }

    /// The ticket a message answers: the one whose reply address (with a valid MAC) it was sent to, else the one
    /// whose message it names (`In-Reply-To` first, then `References` from the latest).
    private static func thread(_ mail: IncomingMail, recipients: [String], account: Int, key: [UInt8],
                               on db: any Database) async throws -> Int? {
        for address in recipients {
            guard let reply = ReplyAddress.parse(address), reply.isValid(key: key) else { continue }
            if try await Ticket.find(reply.ticketID, inAccount: account, on: db) != nil { return reply.ticketID }
        }
        for id in mail.inReplyTo + mail.references.reversed() {
            let local = String(id.prefix(while: { $0 != "@" }))
            if local.hasPrefix("lantern."), let sent = try await OutboxMail.query(on: db).filter(\.$accountID == account)
                .filter(\.$messageKey == local).first() {
                return sent.ticketID
            }
            if let received = try await InboundMail.query(on: db).filter(\.$accountID == account).filter(\.$messageID == id)
                .first(), let ticketID = received.ticketID {
                return ticketID
            }
        }
        return nil
    }

    /// The files the ticket rules keep (`AttachmentPolicy`), spooled, and a note for each one they do not.
    private static func spool(_ attachments: [IncomingMail.Attachment], directory: String) throws
        -> (accepted: [TicketService.AcceptedFile], notKept: [String]) {
        var accepted: [TicketService.AcceptedFile] = []
        var notKept: [String] = []
        var total = 0
        for attachment in attachments {
            let upload = AttachmentPolicy.Upload(filename: attachment.filename, bytes: attachment.data)
            let name = AttachmentPolicy.cleanFilename(attachment.filename)
            guard accepted.count < AttachmentPolicy.maximumCount else { notKept.append("\(name): more than \(AttachmentPolicy.maximumCount) files"); continue }
            if case .failure(let refusal) = AttachmentPolicy.checkSize(upload, runningTotal: total) { notKept.append(describe(refusal, name)); continue }
            switch AttachmentPolicy.checkContent(upload) {
            case .failure(let refusal):
                notKept.append(describe(refusal, name))
            case .success(let file):
                let writer = try SpooledFile.Writer(filename: file.filename, directory: directory)
                try writer.write(attachment.data)
                accepted.append(.init(accepted: file, file: try writer.finish()))
                total += file.size
            }
        }
        return (accepted, notKept)
    }

    private static func describe(_ refusal: AttachmentPolicy.Refusal, _ name: String) -> String {
        switch refusal {
        case .tooMany: "\(name): too many files"
        case .tooLarge(let reason), .invalid(let reason): reason
        }
    }

    /// Text as a body may hold it: no control character but tab and line breaks, at most `maximumBytes` of UTF-8.
    static func storable(_ text: String, maximumBytes: Int) -> String {
        var out = String.UnicodeScalarView()
        var bytes = 0
        for scalar in text.unicodeScalars {
            let keep = scalar == "\t" || scalar == "\n" || !(scalar.value < 0x20 || scalar.value == 0x7F)
            guard keep else { continue }
            bytes += UTF8.width(scalar)
            if bytes > maximumBytes { break }
            out.append(scalar)
        }
        return String(out)
    }

    /// A one-line value (subject, name): control characters as spaces, trimmed, at most `maximumLength` characters.
    private static func storableLine(_ text: String, maximumLength: Int) -> String {
        String(HeaderValue.replacingControls(in: text, with: " ").trimmingCharacters(in: .whitespaces).prefix(maximumLength))
    }
}
