import LanternCore

/// `/agent/kb/articles/{id}/compare?from=&to=`: two revisions side by side, block by block.
struct AgentArticleComparePage {
    var articleID: Int
    /// Every revision, for the pickers: number and label.
    var choices: [(number: Int, label: String)]
    var old: AgentArticleHistoryPage.Revision
    var new: AgentArticleHistoryPage.Revision
    var rows: [RevisionDiff.Row]
}
