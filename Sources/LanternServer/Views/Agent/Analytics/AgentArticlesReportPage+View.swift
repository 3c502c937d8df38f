extension AgentArticlesReportPage {
    var title: String { "Reports: articles" }

    var content: HTML {
        let shown = Array(rows.prefix(15))
        let chart = SVGBarChart(title: leastHelpful ? "Votes on the least helpful articles" : "Views of the most viewed articles",
                                labels: shown.map { "#\($0.id)" },
                                series: leastHelpful
                                    ? [.init(name: "Not helpful", color: "#c0392b", values: shown.map(\.thumbsDown)),
                                       .init(name: "Helpful", color: "#2e7d4f", values: shown.map(\.thumbsUp))]
                                    : [.init(name: "Views", color: "#3a5bc7", values: shown.map(\.views))])
        let body: HTML = rows.html { row in
            """
            <tr><td>#\(row.id) <a href="/agent/kb/articles/\(row.id)/feedback">\(row.title)</a></td><td>\(row.views)</td>\
            <td>\(row.thumbsUp)</td><td>\(row.thumbsDown)</td></tr>
            """
        }
        let order: HTML = leastHelpful
            ? "<a href=\"/agent/analytics/articles\(frame.query)\">Most viewed</a> · <strong>Least helpful</strong>"
            : "<strong>Most viewed</strong> · <a href=\"/agent/analytics/articles\(frame.query)&amp;order=least_helpful\">Least helpful</a>"
        return frame.wrap("""
            <p>\(order)</p>
            \(rows.isEmpty ? HTML("<section class=\"card\"><p class=\"muted\">No article views or votes in this period.</p></section>") : """
            <section class="card"><h2>\(leastHelpful ? "Least helpful first" : "Most viewed first")</h2>\(chart.render)</section>
            <section class="card"><div class="table-wrap"><table>
            <thead><tr><th scope="col">Article</th><th scope="col">Views</th><th scope="col">Helpful</th><th scope="col">Not helpful</th></tr></thead>
            <tbody>\(body)</tbody></table></div></section>
            """)
            """)
    }
}
