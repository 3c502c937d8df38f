/// `/agent/settings/ticket-types`: the account's ticket types as one editable list, a name per line.
struct AgentTicketTypesPage: Sendable {
    let csrf: String
    /// The names, one per line: as stored, or as a refused post sent them.
    let types: String
    var flash: String? = nil
    /// Problems with the list that was sent (`types`).
    var errors: [String: String] = [:]
}
