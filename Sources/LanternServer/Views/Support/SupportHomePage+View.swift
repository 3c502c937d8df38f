extension SupportHomePage {
    func render() -> HTML {
        let content: HTML = """
            <h1>How can we help?</h1>
            \(categories.isEmpty ? HTML("<p>No articles yet.</p>") : categories.html { category in
                """
                <section class="card"><h2>\(category.name)</h2><p class="muted">\(category.description)</p>
                <ul>\(category.folders.html { "<li><a href=\"/support/solutions/folders/\($0.id)\">\($0.name)</a> <span class=\"muted\">(\($0.articleCount))</span></li>" })</ul></section>
                """
            })
            """
        return frame.render(title: "Help center", flash: signedOut ? "You are signed out." : nil, content)
    }
}
