extension AgentArticleFeedbackPage {
    var title: String { "Feedback" }

    /// A vote's answer: its reason, comment and ticket, if any.
    func why(_ vote: Vote) -> HTML {
        guard let reason = vote.reason else { return .empty }
        let comment: HTML = vote.comment.map { "<br><q data-feedback-comment>\($0)</q>" } ?? .empty
        let ticket: HTML = vote.ticketID.map { "<br><a href=\"/agent/tickets/\($0)\">Ticket #\($0)</a>" } ?? .empty
        return "<strong data-feedback-reason>\(reason)</strong>\(comment)\(ticket)"
    }

    var content: HTML {
        let rows: HTML = votes.html { vote in
            let who: HTML = vote.voter.map {
                "<a href=\"/agent/contacts/\($0.contactID)\">\($0.name)</a> <span class=\"muted\">\($0.email)</span>"
            } ?? "<span class=\"muted\">Anonymous</span>"
            return "<tr><td>\(vote.helpful ? "Helpful" : "Not helpful")</td><td>\(who)</td><td>\(why(vote))</td><td>\(PortalLayout.date(vote.createdAt))</td></tr>"
        }
        let more: HTML = nextPage.map { "<p><a href=\"/agent/kb/articles/\(articleID)/feedback?page=\($0)\">Older votes</a></p>" } ?? .empty
        return """
            <p><a href="/agent/kb/articles/\(articleID)">Back to the article</a> · <a href="/agent/feedback">Least helpful articles</a></p>
            <h1>Feedback: \(articleTitle)</h1>
            <p><strong>\(thumbsUp)</strong> found it helpful · <strong>\(thumbsDown)</strong> did not.</p>
            <section class="card"><h2>Votes, newest first</h2>
            \(votes.isEmpty ? HTML("<p>No votes yet.</p>") : "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Vote</th><th scope=\"col\">Who</th><th scope=\"col\">Why not helpful</th><th scope=\"col\">When</th></tr></thead><tbody>\(rows)</tbody></table></div>")
            \(more)
            </section>
            """
    }
}
