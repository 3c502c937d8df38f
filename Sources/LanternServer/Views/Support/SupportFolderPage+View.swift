extension SupportFolderPage {
    func render() -> HTML {
        let content: HTML = """
            <p><a href="/support/solutions">Help center</a> ›</p>
            <h1>\(name)</h1>
            <p class="muted">\(description)</p>
            \(articles.render())
            \(nextPage.map { HTML("<p><a href=\"/support/solutions/folders/\(id)?page=\($0)\">More articles</a></p>") } ?? .empty)
            """
        return frame.render(title: name, content)
    }
}
