extension SupportArticleList {
    /// The snippets go through the sanitiser: only their `<mark>` survives.
    func render() -> HTML {
        "<ul class=\"card\">\(items.html { "<li><a href=\"/support/solutions/articles/\($0.articleID)\">\($0.title)</a><br><span class=\"muted\">\(HTML.sanitized($0.snippet))</span></li>" })</ul>"
    }
}
