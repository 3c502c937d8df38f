/// A list of articles with a snippet each: a folder's articles, or search hits.
struct SupportArticleList: Sendable {
    struct Item: Sendable {
        let articleID: Int
        let title: String
        /// Escaped text, with `<mark>` around search matches.
        let snippet: String
    }

    let items: [Item]
}
