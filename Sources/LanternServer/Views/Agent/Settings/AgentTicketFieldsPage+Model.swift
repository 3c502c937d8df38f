/// `/agent/settings/ticket-fields` and `/agent/settings/ticket-fields/{id}`: the account's custom ticket fields,
/// and a form that adds one or changes the one being edited (filled with what a refused post sent).
struct AgentTicketFieldsPage: Sendable {
    /// A field of the list.
    struct Row: Sendable {
        /// The API id (`/agent/settings/ticket-fields/{id}` edits it).
        let id: Int
        let name: String
        let label: String
        let kind: String
        let requiredForCustomers: Bool
        let customersCanEdit: Bool
    }

    /// The form's values, as text.
    struct Form: Sendable {
        /// The edited field's API id; nil for a new field.
        var editingID: Int? = nil
        var name = ""
        var label = ""
        /// A `CustomFieldKind` raw value.
        var kind = "text"
        /// The label in each of the account's other languages.
        var labels: [(language: String, label: String)] = []
        var requiredForCustomers = false
        var customersCanEdit = true
        /// A dropdown's choices, one per line.
        var choices = ""
        var position = ""
    }

    let csrf: String
    let rows: [Row]
    var form: Form
    var flash: String? = nil
    /// Problems with the form that was sent, by field.
    var errors: [String: String] = [:]
}
