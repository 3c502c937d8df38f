/// `/agent/analytics/search`: what visitors searched for, what found nothing, what they clicked.
struct AgentSearchReportPage: Sendable {
    struct Query: Sendable {
        let query: String
        let count: Int
        let clicks: Int
    }

    struct Day: Sendable {
        let date: String
        let searches: Int
        let noResults: Int
    }

    let frame: AnalyticsReportFrame
    let searches: Int
    let withResults: Int
    let clicks: Int
    let ctr: Double
    let meanClickRank: Double?
    let topQueries: [Query]
    let noResults: [Query]
    let noClick: [Query]
    let days: [Day]
}
