/// `/agent/feedback`: the articles customers voted on, the most "not helpful" first, with their counts.
struct AgentLeastHelpfulPage {
    struct Row {
        let articleID: Int
        let title: String
        let thumbsUp: Int
        let thumbsDown: Int

        /// The share of "helpful" votes, in whole percent (rounded down).
        var helpfulShare: Int { thumbsUp + thumbsDown == 0 ? 0 : (thumbsUp * 100) / (thumbsUp + thumbsDown) }
    }

    var rows: [Row]
}
