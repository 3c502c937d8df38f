import Vapor

extension AgentPageRulesPage {
    var title: String { "Suggestions: \(widgetName)" }

    var content: HTML {
        let kinds = [("prefix", "Starts with"), ("glob", "Glob (* and ?)"), ("regex", "Regular expression")]
        let body: HTML = (rows + Array(repeating: Row(match: "prefix", pattern: "", articles: "", search: ""), count: Self.spareRows))
            .enumerated().html { index, row in
                let options: HTML = kinds.html { value, label in
                    "<option value=\"\(value)\"\(value == row.match ? " selected" : "")>\(label)</option>"
                }
                return """
                    <tr><td>\(index + 1)</td>
                    <td><select name="match" aria-label="Rule \(index + 1): match">\(options)</select></td>
                    <td><input name="pattern" value="\(row.pattern)" aria-label="Rule \(index + 1): URL pattern" placeholder="/billing/*"></td>
                    <td><input name="articles" value="\(row.articles)" aria-label="Rule \(index + 1): article ids" placeholder="12, 40"></td>
                    <td><input name="search" value="\(row.search)" aria-label="Rule \(index + 1): search phrase" placeholder="refund"></td></tr>
                    """
            }
        let problemList: HTML = problems.isEmpty ? .empty
            : "<div class=\"error\" role=\"alert\"><p>The rules were not saved:</p><ul>\(problems.html { "<li>\($0)</li>" })</ul></div>"
        return """
            <p><a href="/agent/widgets">Widgets</a> › <a href="/agent/widgets/\(widgetID)">\(widgetName)</a> ›</p>
            <h1>Suggestions by page</h1>
            <p>When the help panel opens, it suggests articles for the page of your site it opens on. Each rule maps pages whose
            address (path, query and hash, such as <code>/billing/invoices?year=2025</code>) matches its pattern to up to five
            article ids, or to a search phrase. The first rule that matches wins; pages no rule matches get the most helpful articles.
            Leave a row's pattern empty to remove it.</p>
            \(problemList)
            <section class="card">
            \(PortalLayout.form(action: "/agent/widgets/\(widgetID)/suggestions", csrf: csrf, """
                <div class="table-wrap"><table class="rules">
                <thead><tr><th scope="col">#</th><th scope="col">Match</th><th scope="col">Pattern</th><th scope="col">Articles (ids)</th><th scope="col">or search</th></tr></thead>
                <tbody>\(body)</tbody></table></div>
                <div class="actions"><button type="submit">Save rules</button></div>
                """))
            </section>
            """
    }

    func render(_ agent: PortalSessionService.SignedInAgent) -> Response {
        AgentPage.render(agent, title: title, section: .widgets, flash: flash, status: problems.isEmpty ? .ok : .unprocessableEntity, content)
    }
}
