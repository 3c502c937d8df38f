import LanternCore

extension AgentArticleComparePage {
    var title: String { "Revisions \(old.number) and \(new.number)" }

    var content: HTML {
        let options = choices.map { (String($0.number), $0.label) }
        func heading(_ side: AgentArticleHistoryPage.Revision) -> HTML {
            "<h2>Revision \(side.number) <span class=\"badge\">\(side.kind == "published" ? "Published" : "Draft")</span> <span class=\"badge\">\(side.language)</span></h2><p class=\"muted\">\(side.author), \(side.savedAt)</p>"
        }
        let titleClass = old.title == new.title ? "diff-same" : "diff-changed"
        return """
            <p><a href="/agent/kb/articles/\(articleID)/history">Back to the history</a></p>
            <h1>\(title)</h1>
            <form method="get" action="/agent/kb/articles/\(articleID)/compare" class="search card" aria-label="Compare two revisions">
            \(PortalLayout.select("Older", name: "from", options: options, selected: String(old.number), id: "compare-from"))
            \(PortalLayout.select("Newer", name: "to", options: options, selected: String(new.number), id: "compare-to"))
            <button type="submit" class="secondary">Compare</button></form>
            <div class="diff" role="table" aria-label="Revision \(old.number) beside revision \(new.number)">
            <div class="diff-row" role="row"><div class="diff-cell" role="columnheader">\(heading(old))</div><div class="diff-cell" role="columnheader">\(heading(new))</div></div>
            <div class="diff-row \(titleClass)" role="row"><div class="diff-cell" role="cell"><strong>\(old.title)</strong></div><div class="diff-cell" role="cell"><strong>\(new.title)</strong></div></div>
            \(rows.html { row in
                let kind = switch row.change { case .same: "diff-same"; case .removed: "diff-removed"; case .added: "diff-added"; case .changed: "diff-changed" }
                let label = switch row.change { case .same: ""; case .removed: "Removed"; case .added: "Added"; case .changed: "Changed" }
                let mark: HTML = label.isEmpty ? .empty : "<span class=\"visually-hidden\">\(label): </span>"
                return """
                    <div class="diff-row \(kind)" role="row"><div class="diff-cell article-body" role="cell">\(row.old.map { mark + HTML.sanitized($0) } ?? .empty)</div><div class="diff-cell article-body" role="cell">\(row.new.map { mark + HTML.sanitized($0) } ?? .empty)</div></div>

                    """
            })
            </div>
            """
    }
}
