/// `/agent/kb/articles/{id}/history`: the article's revisions, newest first, each with a restore button, and the
/// form that picks two to compare.
struct AgentArticleHistoryPage {
    /// One revision as the history and the comparison show it.
    struct Revision {
        let number: Int
        /// `draft` or `published`.
        let kind: String
        let language: String
        let title: String
        let author: String
        let savedAt: String
    }

    var csrf: String
    var articleID: Int
    var articleTitle: String
    var revisions: [Revision]
}
