extension AgentSuggestionsReportPage {
    var title: String { "Reports: suggestions" }

    static func sourceLabel(_ source: String) -> String {
        switch source {
        case "rule": "Page rule: articles"
        case "search": "Search phrase"
        case "popular": "Most helpful (no rule)"
        case "form": "Beside the contact form"
        default: source
        }
    }

    var content: HTML {
        let labels = rows.map { $0.rule ?? Self.sourceLabel($0.source) }
        let chart = SVGBarChart(title: "Suggestions shown and opened", labels: labels.map { String($0.prefix(18)) }, series: [
            .init(name: "Shown", color: "#9fb3e8", values: rows.map(\.shown)),
            .init(name: "Opened", color: "#2e7d4f", values: rows.map(\.clicked)),
        ])
        let body: HTML = zip(rows, labels).html { row, label in
            """
            <tr><td>\(label)</td><td>\(Self.sourceLabel(row.source))</td><td>\(row.shown)</td><td>\(row.clicked)</td>\
            <td>\(AnalyticsReportFrame.percent(row.clickRate))</td></tr>
            """
        }
        return frame.wrap(rows.isEmpty ? "<section class=\"card\"><p class=\"muted\">No suggestions shown in this period.</p></section>" : """
            <section class="card"><h2>Shown and opened</h2>\(chart.render)</section>
            <section class="card"><div class="table-wrap"><table>
            <thead><tr><th scope="col">Rule</th><th scope="col">Source</th><th scope="col">Shown</th><th scope="col">Opened</th><th scope="col">Click rate</th></tr></thead>
            <tbody>\(body)</tbody></table></div></section>
            """)
    }
}
