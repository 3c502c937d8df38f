extension SupportArticleList {
    /// The list of `KnowledgeBaseReader`'s hits.
    init(_ hits: [KnowledgeBaseReader.Hit]) {
        self.init(items: hits.map { Item(articleID: $0.articleID, title: $0.title, snippet: $0.snippet) })
    }
}
