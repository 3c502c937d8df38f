extension SupportArticlePage {
    func render() -> HTML {
        let thanks: HTML = voted ? "<p class=\"flash\" role=\"status\">Thank you for your feedback.</p>" : .empty
        let content: HTML = """
            <p><a href="/support/solutions">Help center</a> ›</p>
            <article class="card" lang="\(language)"><h1>\(title)</h1>
            \(fallback ? HTML("<p class=\"muted\">This article is not available in your language yet.</p>") : .empty)
            <div class="article-body">\(HTML.sanitized(body))</div></article>
            <section class="card" aria-labelledby="vote-h"><h2 id="vote-h">Was this article helpful?</h2>
            \(thanks)
            <form method="post" action="/support/solutions/articles/\(id)/vote" class="actions">\(PortalLayout.csrf(frame.csrf))
            <button type="submit" name="helpful" value="yes">Yes (\(thumbsUp))</button>
            <button type="submit" name="helpful" value="no" class="secondary">No (\(thumbsDown))</button>
            </form></section>
            """
        let description: HTML = metaDescription.map { "\n<meta name=\"description\" content=\"\($0)\">" } ?? .empty
        let keywords: HTML = metaKeywords.map { "\n<meta name=\"keywords\" content=\"\($0)\">" } ?? .empty
        return frame.render(title: metaTitle ?? title, head: description + keywords, content)
    }
}
