/// `/support/solutions/folders/{id}`: a folder's articles, a page at a time.
struct SupportFolderPage: Sendable {
    let frame: SupportFrame
    let id: Int
    let name: String
    let description: String
    let articles: SupportArticleList
    /// The next page's number, when there are more articles.
    let nextPage: Int?
}
