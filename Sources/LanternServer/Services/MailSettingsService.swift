import Fluent
import Foundation
import LanternCore
import SQLKit

/// An account's mail settings (`MailSettings`): read with their defaults, changed by admins, and the account's
/// reply-address key, made the first time it is needed.
enum MailSettingsService {
    /// The longest sender name.
    static let maximumFromNameLength = 100

    /// The account's settings; an account that never saved any gets the defaults (every notification on), unsaved.
    static func show(accountID: Int, on db: any Database) async throws -> MailSettings {
        try await MailSettings.query(on: db).filter(\.$accountID == accountID).first()
            ?? MailSettings(accountID: accountID, replyKey: "")
    }

    /// The account's saved settings, saving the defaults with a new reply key first if there are none (two processes
    /// doing it at once keep the first key).
    static func stored(accountID: Int, on db: any Database) async throws -> MailSettings {
        if let row = try await MailSettings.query(on: db).filter(\.$accountID == accountID).first() { return row }
        let fresh = MailSettings(accountID: accountID, replyKey: SecretGenerator.hex(SecretGenerator.randomBytes(32)))
        try await db.sql.insert(into: MailSettings.schema)
            .columns("account_id", "requester_ticket_created", "requester_agent_reply", "agents_ticket_created",
                     "agents_customer_reply", "reply_key")
            .values(SQLBind(accountID), SQLBind(true), SQLBind(true), SQLBind(true), SQLBind(true), SQLBind(fresh.replyKey))
            .ignoringConflicts(with: ["account_id"])
            .run()
        guard let row = try await MailSettings.query(on: db).filter(\.$accountID == accountID).first() else {
            throw AppError(.internalError, "The mail settings could not be saved.")
        }
        return row
    }

    /// Applies an admin's change, or throws 422 `validation_failed` naming the fields that are wrong.
    static func update(accountID: Int, _ input: MailSettingsInput, on db: any Database) async throws -> MailSettings {
        var errors = FieldErrors()
        var fromName: String?? = nil
        switch input.fromName {
        case .absent: break
        case .null: fromName = .some(nil)
        case .value(let raw): fromName = .some(errors.text(raw, "from_name", required: true, maximum: maximumFromNameLength))
        }
        var supportAddress: String?? = nil
        switch input.supportAddress {
        case .absent: break
        case .null: supportAddress = .some(nil)
        case .value(let raw):
            if let address = EmailAddress(raw), address.value.allSatisfy(\.isASCII), ReplyAddress.parse(address.value) == nil {
                supportAddress = .some(address.value)
            } else {
                errors.add("support_address", "must be an e-mail address in ASCII (such as support@brightbill.example), not a reply address")
            }
        }
        try errors.throwIfAny()
        let (newName, newAddress) = (fromName, supportAddress)
        return try await db.writeTransaction { db in
            let settings = try await stored(accountID: accountID, on: db)
            if let newName { settings.fromName = newName }
            if let newAddress { settings.supportAddress = newAddress }
            for (kind, value) in input.notifications { settings[kind] = value }
            settings.updatedAt = Date()
            try await settings.save(on: db)
            return settings
        }
    }
}

extension MailSettings {
    /// Whether a notification is on.
    subscript(kind: MailNotice.Kind) -> Bool {
        get {
            switch kind {
            case .requesterTicketCreated: requesterTicketCreated
            case .requesterAgentReply: requesterAgentReply
            case .agentsTicketCreated: agentsTicketCreated
            case .agentsCustomerReply: agentsCustomerReply
            }
        }
        set {
            switch kind {
            case .requesterTicketCreated: requesterTicketCreated = newValue
            case .requesterAgentReply: requesterAgentReply = newValue
            case .agentsTicketCreated: agentsTicketCreated = newValue
            case .agentsCustomerReply: agentsCustomerReply = newValue
            }
        }
    }

    /// The reply-address key's bytes.
    var replyKeyBytes: [UInt8] {
        var bytes: [UInt8] = []
        var index = replyKey.startIndex
        while index < replyKey.endIndex, let next = replyKey.index(index, offsetBy: 2, limitedBy: replyKey.endIndex),
              let byte = UInt8(replyKey[index..<next], radix: 16) {
            bytes.append(byte)
            index = next
        }
        return bytes
    }
}
