extension AgentArticlePage {
    var title: String { primaryTitle ?? "Article" }

    var errorMessage: String? { FormErrorSummary.text(errors) }

    var content: HTML {
        let translationPane: HTML
        if let translation {
            let switcher: HTML = """
                <form method="get" action="/agent/kb/articles/\(id)" class="search">
                \(PortalLayout.select("Translation language", name: "lang", options: translation.choices.map { choice in
                    (choice.language, choice.language + (choice.translated ? "" : " (not translated yet)")) }, selected: translation.language, id: "lang-switch"))
                <button type="submit" class="secondary">Show</button></form>
                """
            translationPane = """
                <section class="card" aria-labelledby="tr-h"><h2 id="tr-h">Translation: \(translation.language)\(translation.isNew ? " (new)" : "")</h2>
                \(switcher)
                \(translation.editor.html)
                </section>
                """
        } else {
            translationPane = "<section class=\"card\"><h2>Translations</h2><p>The account has no other language.</p></section>"
        }
        return """
            <script src="/assets/editor.js" defer></script>
            <p><a href="/agent/kb/folders/\(folderID)">Back to the folder</a> · <a href="/agent/kb/articles/\(id)/history">History</a> · <a href="/agent/kb/articles/\(id)/feedback">Feedback (\(thumbsUp) helpful · \(thumbsDown) not helpful)</a></p>
            <h1>\(title)</h1>
            <div class="side-by-side">
            <section class="card" aria-labelledby="pr-h"><h2 id="pr-h">Primary version: \(primaryLanguage)</h2>
            \(primary.html)
            </section>
            \(translationPane)
            </div>
            <section class="card"><h2>Delete</h2>
            \(PortalLayout.form(action: "/agent/kb/articles/\(id)/delete", csrf: csrf,
                "<button type=\"submit\" class=\"danger\">Delete this article and its translations</button>"))
            </section>
            """
    }
}
