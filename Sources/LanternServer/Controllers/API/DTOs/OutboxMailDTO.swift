import Foundation

/// A notification in the outbox, as `GET /api/v2/mail/outbox` lists it.
struct OutboxMailDTO: Encodable {
    let id: Int
    let ticketID: Int
    let conversationID: Int?
    let kind: String
    let to: String
    let language: String
    let status: String
    let attempts: Int
    let nextAttemptAt: Date?
    let sentAt: Date?
    let lastError: String?
    let createdAt: Date?

    init(_ row: OutboxMail) throws {
        id = try row.requireID()
        ticketID = row.ticketID
        conversationID = row.conversationID
        kind = row.kind
        to = row.recipient
        language = row.language
        status = row.status.rawValue
        attempts = row.attempts
        nextAttemptAt = row.status == .pending ? row.nextAttemptAt : nil
        sentAt = row.sentAt
        lastError = row.lastError
        createdAt = row.createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, to, language, status, attempts
        case ticketID = "ticket_id"
        case conversationID = "conversation_id"
        case nextAttemptAt = "next_attempt_at"
        case sentAt = "sent_at"
        case lastError = "last_error"
        case createdAt = "created_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(ticketID, forKey: .ticketID)
        try container.encode(conversationID, forKey: .conversationID)
        try container.encode(kind, forKey: .kind)
        try container.encode(to, forKey: .to)
        try container.encode(language, forKey: .language)
        try container.encode(status, forKey: .status)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(nextAttemptAt, forKey: .nextAttemptAt)
        try container.encode(sentAt, forKey: .sentAt)
        try container.encode(lastError, forKey: .lastError)
        try container.encode(createdAt, forKey: .createdAt)
    }
}
