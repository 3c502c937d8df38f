extension AgentArticleHistoryPage {
    var title: String { "History: \(articleTitle)" }

    var content: HTML {
        let choices = revisions.map { (String($0.number), "\($0.number) · \($0.kind) · \($0.language)") }
        let compare: HTML = revisions.count < 2 ? .empty : """
            <form method="get" action="/agent/kb/articles/\(articleID)/compare" class="search card" aria-label="Compare two revisions">
            \(PortalLayout.select("Older", name: "from", options: choices, selected: String(revisions[1].number), id: "compare-from"))
            \(PortalLayout.select("Newer", name: "to", options: choices, selected: String(revisions[0].number), id: "compare-to"))
            <button type="submit" class="secondary">Compare side by side</button></form>
            """
        let rows: HTML = revisions.isEmpty ? "<p>No revisions yet.</p>" : """
            <div class="table-wrap"><table><thead><tr><th scope="col">Revision</th><th scope="col">Kind</th><th scope="col">Language</th><th scope="col">Title</th><th scope="col">By</th><th scope="col">Saved</th><th scope="col"><span class="muted">Restore</span></th></tr></thead><tbody>
            \(revisions.html { revision in
                """
                <tr><td>\(revision.number)</td><td><span class="badge">\(revision.kind == "published" ? "Published" : "Draft")</span></td><td>\(revision.language)</td><td>\(revision.title)</td><td>\(revision.author)</td><td>\(revision.savedAt)</td>
                <td>\(PortalLayout.form(action: "/agent/kb/articles/\(articleID)/revisions/\(revision.number)/restore", csrf: csrf, class: "inline",
                    "<button type=\"submit\" class=\"secondary\" aria-label=\"Restore revision \(revision.number) as the draft\">Restore as draft</button>"))</td></tr>

                """
            })</tbody></table></div>
            """
        return """
            <p><a href="/agent/kb/articles/\(articleID)">Back to the article</a></p>
            <h1>\(title)</h1>
            <p class="muted">Every draft save and every publish is a revision. Restoring one makes it the draft of its language; visitors see it once it is published.</p>
            \(compare)
            \(rows)
            """
    }
}
