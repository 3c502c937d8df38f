import Fluent
import Foundation

/// A file sent with a ticket, stored with it in the database.
final class TicketAttachment: Model, @unchecked Sendable {
    static let schema = "ticket_attachments"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    @Field(key: "ticket_id") var ticketID: Int
    /// The attachment's place among the ticket's files (its description's and its conversation's), from 0.
    @Field(key: "position") var position: Int
    /// The conversation entry it came with; nil for the ticket's own (the description's) attachments.
    @OptionalField(key: "conversation_id") var conversationID: Int?
    @Field(key: "filename") var filename: String
    /// Derived from the file's extension, not from what the client claimed.
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    /// Hex SHA-256 of the content.
    @Field(key: "sha256") var sha256: String
    @Field(key: "data") var data: Data

    init() {}

    init(accountID: Int, ticketID: Int, conversationID: Int? = nil, position: Int, filename: String, contentType: String,
         sha256: String, data: Data) {
        self.accountID = accountID
        self.ticketID = ticketID
        self.conversationID = conversationID
        self.position = position
        self.filename = filename
        self.contentType = contentType
        self.size = data.count
        self.sha256 = sha256
        self.data = data
    }
}
