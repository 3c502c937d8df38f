import Foundation

/// `/agent/kb/articles/{id}/feedback`: an article's thumbs up / down counts and one page of its votes, newest
/// first, each with who cast it (contact name and e-mail, or anonymous) and when.
struct AgentArticleFeedbackPage {
    struct Vote {
        let helpful: Bool
        /// `nil` for an anonymous vote.
        let voter: Voter?
        let createdAt: Date
        /// A not-helpful vote's answer to "why?", in words, its comment, and the ticket it became.
        var reason: String? = nil
        var comment: String? = nil
        var ticketID: Int? = nil
    }

    struct Voter {
        let contactID: Int
        let name: String
        let email: String
    }

    var articleID: Int
    /// The primary version's title.
    var articleTitle: String
    var thumbsUp: Int
    var thumbsDown: Int
    var votes: [Vote]
    /// The page of older votes, `nil` when there are none.
    var nextPage: Int? = nil
}
