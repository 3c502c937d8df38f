/// `/agent/contacts`: the contacts whose name or e-mail contains the search term, a page at a time.
struct AgentContactsPage: Sendable {
    /// One contact of the list.
    struct Row: Sendable {
        let id: Int
        let name: String
        let email: String
        let language: String?
    }

    let term: String
    let rows: [Row]
    let page: Int
    let hasMore: Bool
}
