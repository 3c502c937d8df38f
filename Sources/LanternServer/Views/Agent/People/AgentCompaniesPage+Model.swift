/// `/agent/companies`: the companies whose name contains the search term, a page at a time, and the new-company
/// form (filled with what was sent after a refused post).
struct AgentCompaniesPage: Sendable {
    /// One company of the list.
    struct Row: Sendable {
        let id: Int
        let name: String
        let contactCount: Int
    }

    let term: String
    let rows: [Row]
    let page: Int
    let hasMore: Bool
    let csrf: String
    var newName = ""
    /// The new company's domains as typed, one per line.
    var newDomains = ""
    var flash: String? = nil
    /// Problems with the form that was sent, by field.
    var errors: [String: String] = [:]
}
