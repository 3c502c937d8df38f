/// `/agent/analytics/articles`: the most viewed articles, or the least helpful ones, in the period.
struct AgentArticlesReportPage: Sendable {
    struct Row: Sendable {
        let id: Int
        let title: String
        let views: Int
        let thumbsUp: Int
        let thumbsDown: Int
    }

    let frame: AnalyticsReportFrame
    let leastHelpful: Bool
    let rows: [Row]
}
