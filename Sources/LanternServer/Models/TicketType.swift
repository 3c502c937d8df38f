import Fluent

/// One of an account's ticket types ("Question", "Incident", …), in the order agents arranged them.
final class TicketType: Model, @unchecked Sendable {
    static let schema = "ticket_types"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    @Field(key: "name") var name: String
    @Field(key: "position") var position: Int

    init() {}

    init(accountID: Int, name: String, position: Int) {
        self.accountID = accountID
        self.name = name
        self.position = position
    }
}
