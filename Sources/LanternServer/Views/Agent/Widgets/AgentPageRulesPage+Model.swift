/// `/agent/widgets/{id}/suggestions` (admins): the widget's page rules, one row each, first match wins, with a few
/// empty rows to add more; after a refused post, the rows as sent and the problems.
struct AgentPageRulesPage: Sendable {
    struct Row: Sendable, Equatable {
        /// `prefix`, `glob` or `regex`.
        var match: String
        var pattern: String
        /// Article ids, comma-separated.
        var articles: String
        var search: String
    }

    let widgetID: Int
    let widgetName: String
    let csrf: String
    var rows: [Row]
    var flash: String? = nil
    /// Problems, each naming its rule.
    var problems: [String] = []

    /// Empty rows offered below the rules.
    static let spareRows = 3
}
