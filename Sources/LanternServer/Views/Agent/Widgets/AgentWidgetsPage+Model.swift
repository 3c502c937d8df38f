/// `/agent/widgets` (admins): the account's widgets and the form that creates one.
struct AgentWidgetsPage: Sendable {
    /// One widget of the list.
    struct Row: Sendable {
        let id: Int
        let name: String
    }

    let widgets: [Row]
    let csrf: String
    var flash: String? = nil
}
