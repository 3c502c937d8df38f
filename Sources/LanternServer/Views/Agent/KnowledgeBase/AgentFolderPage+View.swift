extension AgentFolderPage {
    var title: String { name }

    var errorMessage: String? { FormErrorSummary.text(errors) }

    var content: HTML {
        let rows: HTML = articles.html { article in
            """
            <tr><td><a href="/agent/kb/articles/\(article.id)">\(article.title ?? "(untitled)")</a></td>
            <td>\(article.published ? "Published" : "Draft")</td>
            <td>\(article.languages.joined(separator: ", "))</td>
            <td><a href="/agent/kb/articles/\(article.id)/feedback">\(article.thumbsUp) helpful · \(article.thumbsDown) not helpful</a></td></tr>
            """
        }
        return """
            <p><a href="/agent/kb">Knowledge base</a> › <a href="/agent/kb/categories/\(categoryID)">\(categoryName ?? "Category")</a> ›</p>
            <h1>Folder: \(name)</h1>
            <p><span class="badge">\(visibility.label)</span></p>
            <section class="card"><h2>Articles</h2>
            <p><a class="button" href="/agent/kb/folders/\(id)/articles/new">New article</a></p>
            \(articles.isEmpty ? HTML("<p>No articles yet.</p>") : "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Title</th><th scope=\"col\">Status</th><th scope=\"col\">Languages</th><th scope=\"col\">Feedback</th></tr></thead><tbody>\(rows)</tbody></table></div>")
            </section>
            <section class="card"><h2>Folder settings</h2>
            \(PortalLayout.form(action: "/agent/kb/folders/\(id)", csrf: csrf,
                settings.html + "<div class=\"actions\"><button type=\"submit\">Save folder</button></div>"))
            \(PortalLayout.form(action: "/agent/kb/folders/\(id)/delete", csrf: csrf,
                "<div class=\"actions\"><button type=\"submit\" class=\"danger\">Delete folder and its articles</button></div>"))
            </section>
            """
    }
}
