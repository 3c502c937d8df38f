/// `/agent/analytics/suggestions`: how often suggestions were shown and opened, per page rule and per source.
struct AgentSuggestionsReportPage: Sendable {
    struct Row: Sendable {
        /// `rule`, `search`, `popular` or `form`.
        let source: String
        /// The page rule, as "glob /billing/*"; `nil` when no rule gave the suggestions.
        let rule: String?
        let shown: Int
        let clicked: Int
        let clickRate: Double
    }

    let frame: AnalyticsReportFrame
    let rows: [Row]
}
