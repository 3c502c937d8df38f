import Foundation

extension AgentDeflectionReportPage {
    var title: String { "Reports: deflection" }

    var content: HTML {
        let chart = SVGBarChart(title: "Visits and deflected visits per day", labels: days.map { String($0.date.suffix(5)) }, series: [
            .init(name: "Visits", color: "#9fb3e8", values: days.map(\.visits)),
            .init(name: "Deflected", color: "#2e7d4f", values: days.map(\.deflected)),
            .init(name: "Tickets", color: "#c0392b", values: days.map(\.tickets)),
        ])
        let rows: HTML = days.reversed().html { day in
            "<tr><td>\(day.date)</td><td>\(day.visits)</td><td>\(day.deflected)</td><td>\(day.tickets)</td></tr>"
        }
        return frame.wrap("""
            <div class="side-by-side">
            <section class="card"><h2>Per day</h2>\(chart.render)</section>
            <section class="card"><h2>In all</h2>
            <dl class="figures">
            <dt>Visits that searched or opened the contact form</dt><dd>\(visits)</dd>
            <dt>Deflected (read an article or a suggestion, sent no ticket)</dt><dd>\(deflected)</dd>
            <dt>Deflection rate</dt><dd>\(AnalyticsReportFrame.percent(deflectionRate))</dd>
            <dt>Tickets</dt><dd>\(tickets)</dd>
            <dt>Tickets per 100 visits</dt><dd>\(String(format: "%.2f", ticketsPer100Visits))</dd>
            </dl></section>
            </div>
            <section class="card"><h2>Figures per day</h2><div class="table-wrap"><table>
            <thead><tr><th scope="col">Date</th><th scope="col">Visits</th><th scope="col">Deflected</th><th scope="col">Tickets</th></tr></thead>
            <tbody>\(rows)</tbody></table></div></section>
            """)
    }
}
