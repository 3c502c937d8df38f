extension SupportSearchPage {
    func render() -> HTML {
        let content: HTML = """
            <h1>Search results</h1>
            \(term.isEmpty ? HTML("<p>Type a few words to search.</p>") : hits.items.isEmpty ? "<p>No articles match “\(term)”.</p>" : "<p>\(total) article\(total == 1 ? "" : "s") for “\(term)”.</p>\(hits.render())")
            """
        return frame.render(title: "Search", content)
    }
}
