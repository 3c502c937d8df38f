import Foundation

/// A received message and what it became, as `POST /api/v2/mail/inbound` answers.
struct InboundMailDTO: Encodable {
    let id: Int
    /// `ticket`, `reply` or `note`.
    let outcome: String
    let ticketID: Int?
    let conversationID: Int?
    let messageID: String?
    let from: String
    /// Whether this message had been received before (an MTA retrying): nothing new was stored.
    let duplicate: Bool

    init(_ row: InboundMail, duplicate: Bool) throws {
        id = try row.requireID()
        outcome = row.outcome.rawValue
        ticketID = row.ticketID
        conversationID = row.conversationID
        messageID = row.messageID
        from = row.sender
        self.duplicate = duplicate
    }

    enum CodingKeys: String, CodingKey {
        case id, outcome, from, duplicate
        case ticketID = "ticket_id"
        case conversationID = "conversation_id"
        case messageID = "message_id"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(ticketID, forKey: .ticketID)
        try container.encode(conversationID, forKey: .conversationID)
        try container.encode(messageID, forKey: .messageID)
        try container.encode(from, forKey: .from)
        try container.encode(duplicate, forKey: .duplicate)
    }
}
