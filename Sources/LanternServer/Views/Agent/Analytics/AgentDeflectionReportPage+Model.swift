/// `/agent/analytics`: how many visits found their answer without a ticket, per day and in all.
struct AgentDeflectionReportPage: Sendable {
    struct Day: Sendable {
        let date: String
        let visits: Int
        let deflected: Int
        let tickets: Int
    }

    let frame: AnalyticsReportFrame
    let visits: Int
    let deflected: Int
    let deflectionRate: Double
    let tickets: Int
    let ticketsPer100Visits: Double
    let days: [Day]
}
