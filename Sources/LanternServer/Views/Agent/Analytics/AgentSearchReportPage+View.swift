import Foundation

extension AgentSearchReportPage {
    var title: String { "Reports: search" }

    var content: HTML {
        let chart = SVGBarChart(title: "Searches and searches without results per day", labels: days.map { String($0.date.suffix(5)) }, series: [
            .init(name: "Searches", color: "#3a5bc7", values: days.map(\.searches)),
            .init(name: "No results", color: "#d98c1f", values: days.map(\.noResults)),
        ])
        func table(_ heading: String, _ rows: [Query], clicks: Bool) -> HTML {
            let body: HTML = rows.html { row in
                clicks ? "<tr><td>\(row.query)</td><td>\(row.count)</td><td>\(row.clicks)</td></tr>" : "<tr><td>\(row.query)</td><td>\(row.count)</td></tr>"
            }
            let head: HTML = clicks ? "<th scope=\"col\">Searches</th><th scope=\"col\">Clicks</th>" : "<th scope=\"col\">Searches</th>"
            return """
                <section class="card"><h2>\(heading)</h2>\(rows.isEmpty ? HTML("<p class=\"muted\">None in this period.</p>") : """
                <div class="table-wrap"><table><thead><tr><th scope="col">Query</th>\(head)</tr></thead><tbody>\(body)</tbody></table></div>
                """)</section>
                """
        }
        return frame.wrap("""
            <div class="side-by-side">
            <section class="card"><h2>Per day</h2>\(chart.render)</section>
            <section class="card"><h2>In all</h2>
            <dl class="figures">
            <dt>Searches</dt><dd>\(searches)</dd>
            <dt>With results</dt><dd>\(withResults)</dd>
            <dt>Result clicks</dt><dd>\(clicks)</dd>
            <dt>Clicks per search</dt><dd>\(AnalyticsReportFrame.percent(ctr))</dd>
            <dt>Mean rank of clicked results</dt><dd>\(meanClickRank.map { String(format: "%.2f", $0) } ?? "–")</dd>
            </dl></section>
            </div>
            <div class="side-by-side">
            \(table("Top queries", topQueries, clicks: true))
            \(table("Searches that found nothing", noResults, clicks: false))
            </div>
            \(table("Searches with results nobody clicked", noClick, clicks: false))
            """)
    }
}
