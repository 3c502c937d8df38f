/// `/support/solutions/articles/{id}`: an article in the reader's language (or its primary one), with the
/// "Was this article helpful?" vote.
struct SupportArticlePage: Sendable {
    let frame: SupportFrame
    let id: Int
    /// The language the article is shown in.
    let language: String
    let title: String
    /// The article's HTML (sanitised when rendered).
    let body: String
    /// Whether the article is shown in its primary language because the reader's is missing.
    let fallback: Bool
    let thumbsUp: Int
    let thumbsDown: Int
    /// Whether the reader just voted (the page thanks them).
    let voted: Bool
    /// The translation's SEO texts: the page's title, description and keywords where given.
    var metaTitle: String? = nil
    var metaDescription: String? = nil
    var metaKeywords: String? = nil
}
