extension AgentNewArticlePage {
    var title: String { "New article" }

    var errorMessage: String? { FormErrorSummary.text(errors) }

    var content: HTML {
        """
        <p><a href="/agent/kb/folders/\(folderID)">\(folderName)</a> ›</p>
        <h1>New article</h1>
        <section class="card">
        \(editor.html)
        </section>
        """
    }
}
