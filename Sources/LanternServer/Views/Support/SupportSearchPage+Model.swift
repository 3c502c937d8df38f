/// `/support/search`: the articles matching the visitor's words.
struct SupportSearchPage: Sendable {
    let frame: SupportFrame
    /// The words searched for (empty: nothing searched yet).
    let term: String
    /// How many articles match in all.
    let total: Int
    let hits: SupportArticleList
}
