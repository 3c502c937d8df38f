import Fluent
import Vapor

/// Article feedback: per article the thumbs up / down counts and who voted what and when (contact name and
/// e-mail, or anonymous), and the report of the least helpful articles.
struct AgentFeedbackController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("kb", "articles", ":id", "feedback", use: article)
        routes.get("feedback", use: report)
    }

    static let votesPerPage = 100

    @Sendable
    func article(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        guard let article = try await Article.find(try request.portalID("id", "article"), inAccount: agent.session.accountID, on: request.db)
        else { throw PortalError.notFound("article") }
        let articleID = try article.requireID()
        let page = max(1, min(request.queryInt("page") ?? 1, 10_000))
        let title = try await ArticleStore.translation(of: article, in: article.primaryLanguage, on: request.db)?.title ?? "Article"
        let votes = try await ArticleVote.query(on: request.db).filter(\.$articleID == articleID)
            .sort(\.$createdAt, .descending).sort(\.$id, .descending)
            .offset((page - 1) * Self.votesPerPage).limit(Self.votesPerPage + 1).all()
        let contactIDs = Set(votes.compactMap(\.contactID))
        let contacts = contactIDs.isEmpty ? [] : try await Contact.query(on: request.db).filter(\.$id ~~ contactIDs).all()
        let byID = Dictionary(uniqueKeysWithValues: contacts.compactMap { c in c.id.map { ($0, c) } })
        let rows: HTML = votes.prefix(Self.votesPerPage).html { vote in
            let who: HTML = vote.contactID.flatMap { byID[$0] }.map {
                "<a href=\"/agent/contacts/\($0.id ?? 0)\">\($0.name)</a> <span class=\"muted\">\($0.email)</span>"
            } ?? "<span class=\"muted\">Anonymous</span>"
            return "<tr><td>\(vote.helpful ? "Helpful" : "Not helpful")</td><td>\(who)</td><td>\(PortalLayout.date(vote.createdAt))</td></tr>"
        }
        let more: HTML = votes.count > Self.votesPerPage
            ? "<p><a href=\"/agent/kb/articles/\(articleID)/feedback?page=\(page + 1)\">Older votes</a></p>" : .empty
        let content: HTML = """
            <p><a href="/agent/kb/articles/\(articleID)">Back to the article</a> · <a href="/agent/feedback">Least helpful articles</a></p>
            <h1>Feedback: \(title)</h1>
            <p><strong>\(article.thumbsUp)</strong> found it helpful · <strong>\(article.thumbsDown)</strong> did not.</p>
            <section class="card"><h2>Votes, newest first</h2>
            \(votes.isEmpty ? HTML("<p>No votes yet.</p>") : "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Vote</th><th scope=\"col\">Who</th><th scope=\"col\">When</th></tr></thead><tbody>\(rows)</tbody></table></div>")
            \(more)
            </section>
            """
        return AgentPage.render(agent, title: "Feedback", section: .feedback, content)
    }

    /// Articles with at least one vote, the ones with the most "not helpful" votes beyond "helpful" ones first.
    @Sendable
    func report(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        let rows = try await request.db.sql.raw("""
            SELECT a.id, a.thumbs_up, a.thumbs_down, t.title FROM articles a
            JOIN article_translations t ON t.article_id = a.id AND t.language = a.primary_language
            WHERE a.account_id = \(bind: agent.session.accountID) AND a.thumbs_up + a.thumbs_down > 0
            ORDER BY (a.thumbs_down - a.thumbs_up) DESC, a.thumbs_down DESC, a.id ASC LIMIT 50
            """).all()
        let body: HTML = try rows.html { row in
            let id = try row.decode(column: "id", as: Int.self)
            let up = try row.decode(column: "thumbs_up", as: Int.self)
            let down = try row.decode(column: "thumbs_down", as: Int.self)
            let share = up + down == 0 ? 0 : (up * 100) / (up + down)
            return """
                <tr><td><a href="/agent/kb/articles/\(id)/feedback">\(try row.decode(column: "title", as: String.self))</a></td>
                <td>\(up)</td><td>\(down)</td><td>\(share)%</td></tr>
                """
        }
        let content: HTML = """
            <h1>Least helpful articles</h1>
            <p>Articles customers voted on, the most “not helpful” first.</p>
            \(rows.isEmpty ? HTML("<p>No votes yet.</p>") : "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Article</th><th scope=\"col\">Helpful</th><th scope=\"col\">Not helpful</th><th scope=\"col\">Helpful share</th></tr></thead><tbody>\(body)</tbody></table></div>")
            """
        return AgentPage.render(agent, title: "Least helpful articles", section: .feedback, content)
    }
}
