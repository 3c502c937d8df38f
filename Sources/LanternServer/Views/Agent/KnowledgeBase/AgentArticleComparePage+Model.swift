import LanternCore

/// `/agent/kb/articles/{id}/compare?from=&to=`: two revisions side by side, block by block.
struct AgentArticleComparePage {
    /// One of the two revisions.
    struct Side {
        let number: Int
        let kind: String
        let language: String
        let title: String
        let author: String
        let savedAt: String
    }

    var articleID: Int
    /// Every revision, for the pickers: number and label.
    var choices: [(number: Int, label: String)]
    var old: Side
    var new: Side
    var rows: [RevisionDiff.Row]
}
