import Foundation

/// What every report page shares: the reports' tabs, and the period form (from, to, widget).
struct AnalyticsReportFrame: Sendable {
    enum Report: String, Sendable, CaseIterable {
        case deflection, search, articles, suggestions

        var title: String {
            switch self {
            case .deflection: "Deflection"
            case .search: "Search"
            case .articles: "Articles"
            case .suggestions: "Suggestions"
            }
        }

        var path: String { self == .deflection ? "/agent/analytics" : "/agent/analytics/\(rawValue)" }
    }

    struct WidgetChoice: Sendable {
        let id: Int
        let name: String
    }

    let report: Report
    /// `YYYY-MM-DD`.
    let from: String
    let to: String
    let widgetID: Int?
    let widgets: [WidgetChoice]

    /// The query string that keeps the period on another report.
    var query: String {
        "?from=\(from)&to=\(to)" + (widgetID.map { "&widget_id=\($0)" } ?? "")
    }

    func wrap(_ content: HTML) -> HTML {
        let tabs: HTML = Report.allCases.html { tab in
            tab == report ? "<li><a href=\"\(tab.path)\(query)\" aria-current=\"page\">\(tab.title)</a></li>"
                : "<li><a href=\"\(tab.path)\(query)\">\(tab.title)</a></li>"
        }
        let options = [("", "All widgets")] + widgets.map { (String($0.id), $0.name) }
        return """
            <h1>Reports: \(report.title)</h1>
            <nav class="tabs" aria-label="Reports"><ul>\(tabs)</ul></nav>
            <form method="get" action="\(report.path)" class="search card">
            \(PortalLayout.field("From", name: "from", value: from, type: "date"))
            \(PortalLayout.field("To", name: "to", value: to, type: "date"))
            \(PortalLayout.select("Widget", name: "widget_id", options: options, selected: widgetID.map(String.init) ?? ""))
            <div class="actions"><button type="submit">Show</button></div>
            </form>
            <p class="muted">Days are UTC days, \(from) to \(to). Today's figures are at most a minute old.</p>
            \(content)
            """
    }

    /// A share as a percentage with one decimal.
    static func percent(_ share: Double) -> String {
        String(format: "%.1f %%", share * 100)
    }
}
