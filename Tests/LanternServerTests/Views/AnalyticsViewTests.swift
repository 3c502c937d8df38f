import Foundation
import Testing
@testable import LanternServer

/// The report pages, their server-drawn charts and the page-rules form, from hand-made models.
@Suite("Analytics and page-rule views")
struct AnalyticsViewTests {
    static let hostile = "<script>x</script>"
    static let escaped = "&lt;script&gt;x&lt;/script&gt;"

    static let frame = AnalyticsReportFrame(report: .search, from: "2026-03-01", to: "2026-03-03", widgetID: 4,
                                            widgets: [.init(id: 4, name: "Main \(hostile)")])

    @Test("The chart's scale is a friendly number; one bar per day and series, each with its figure")
    func chart() {
        #expect([0, 1, 3, 10, 11, 150, 999, 1_001].map(SVGBarChart.niceMaximum) == [1, 1, 5, 10, 20, 200, 1_000, 2_000])
        let chart = SVGBarChart(title: "Searches", labels: ["03-01", "03-02", "03-03"], series: [
            .init(name: "Searches", color: "#3a5bc7", values: [10, 0, 4]),
            .init(name: "No results \(Self.hostile)", color: "#d98c1f", values: [2, 0, 1]),
        ], width: 320, height: 120).render.description
        #expect(chart.components(separatedBy: "<rect ").count - 1 == 6)
        #expect(chart.contains("<title>03-01: Searches 10</title>") && chart.contains("role=\"img\" aria-label=\"Searches\""))
        #expect(!chart.contains(Self.hostile) && chart.contains("No results \(Self.escaped)"))
        // The tallest bar reaches the top of the scale (10 → scale 10): y = top margin.
        #expect(chart.contains("y=\"12\" width="))
        #expect(!chart.contains("<script"))
    }

    @Test("The search report shows its figures beside the chart, escaped, and keeps the period in its tabs")
    func searchReport() {
        let page = AgentSearchReportPage(
            frame: Self.frame, searches: 12, withResults: 9, clicks: 6, ctr: 0.5, meanClickRank: 1.5,
            topQueries: [.init(query: "refund \(Self.hostile)", count: 5, clicks: 3)], noResults: [.init(query: "quokka", count: 3, clicks: 0)],
            noClick: [], days: [.init(date: "2026-03-01", searches: 12, noResults: 3)])
        let html = page.content.description
        #expect(!html.contains(Self.hostile) && html.contains("refund \(Self.escaped)"))
        #expect(html.contains("<dt>Clicks per search</dt><dd>50.0 %</dd>") && html.contains("<dt>Mean rank of clicked results</dt><dd>1.50</dd>"))
        #expect(html.contains("<a href=\"/agent/analytics/articles?from=2026-03-01&amp;to=2026-03-03&amp;widget_id=4\">Articles</a>"))
        #expect(html.contains("<option value=\"4\" selected>Main \(Self.escaped)</option>"))
        #expect(html.contains("<svg") && html.contains("None in this period."))
    }

    @Test("Deflection, articles and suggestions reports render their figures")
    func otherReports() {
        let deflection = AgentDeflectionReportPage(frame: Self.frame, visits: 30, deflected: 15, deflectionRate: 0.5, tickets: 10,
                                                   ticketsPer100Visits: 33.33, days: [.init(date: "2026-03-01", visits: 30, deflected: 15, tickets: 10)])
        #expect(deflection.content.description.contains("<dt>Deflection rate</dt><dd>50.0 %</dd>"))
        #expect(deflection.content.description.contains("<tr><td>2026-03-01</td><td>30</td><td>15</td><td>10</td></tr>"))
        let articles = AgentArticlesReportPage(frame: Self.frame, leastHelpful: true, rows: [.init(id: 3, title: Self.hostile, views: 9, thumbsUp: 1, thumbsDown: 4)])
        #expect(!articles.content.description.contains(Self.hostile) && articles.content.description.contains("<strong>Least helpful</strong>"))
        let suggestions = AgentSuggestionsReportPage(frame: Self.frame, rows: [
            .init(source: "rule", rule: "glob /billing/* \(Self.hostile)", shown: 8, clicked: 2, clickRate: 0.25),
            .init(source: "form", rule: nil, shown: 4, clicked: 1, clickRate: 0.25),
        ])
        let html = suggestions.content.description
        #expect(!html.contains(Self.hostile) && html.contains("<td>Beside the contact form</td><td>Beside the contact form</td><td>4</td><td>1</td><td>25.0 %</td>"))
        #expect(AgentSuggestionsReportPage(frame: Self.frame, rows: []).content.description.contains("No suggestions shown in this period."))
    }

    @Test("The page-rules form shows each rule, spare rows, and the problems of a refused post")
    func rulesPage() {
        let page = AgentPageRulesPage(widgetID: 4, widgetName: "Main", csrf: "token", rows: [
            .init(match: "regex", pattern: "^/billing\"><script>", articles: "12, 40", search: ""),
        ], problems: ["rule 1: the regex pattern has an unclosed '(' \(Self.hostile)"])
        let html = page.content.description
        #expect(!html.contains("<script>") && html.contains("value=\"^/billing&quot;&gt;&lt;script&gt;\""))
        #expect(html.components(separatedBy: "<select name=\"match\"").count - 1 == 1 + AgentPageRulesPage.spareRows)
        #expect(html.contains("<option value=\"regex\" selected>Regular expression</option>"))
        #expect(html.contains("<li>rule 1: the regex pattern has an unclosed &#39;(&#39; \(Self.escaped)</li>"))
        #expect(html.contains("name=\"csrf_token\" value=\"token\""))
    }
}
