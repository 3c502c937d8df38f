extension AgentLeastHelpfulPage {
    var title: String { "Least helpful articles" }

    var content: HTML {
        let body: HTML = rows.html { row in
            """
            <tr><td><a href="/agent/kb/articles/\(row.articleID)/feedback">\(row.title)</a></td>
            <td>\(row.thumbsUp)</td><td>\(row.thumbsDown)</td><td>\(row.helpfulShare)%</td></tr>
            """
        }
        return """
            <h1>Least helpful articles</h1>
            <p>Articles customers voted on, the most “not helpful” first.</p>
            \(rows.isEmpty ? HTML("<p>No votes yet.</p>") : "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Article</th><th scope=\"col\">Helpful</th><th scope=\"col\">Not helpful</th><th scope=\"col\">Helpful share</th></tr></thead><tbody>\(body)</tbody></table></div>")
            """
    }
}
