extension AgentNewArticlePage {
    var title: String { "New article" }

    var errorMessage: String? { FormErrorSummary.text(errors) }

    var content: HTML {
        """
        <script src="/assets/editor.js" defer></script>
        <p><a href="/agent/kb/folders/\(folderID)">\(folderName)</a> ›</p>
        <h1>New article</h1>
        <section class="card">
        \(editor.html)
        </section>
        """
    }
}
