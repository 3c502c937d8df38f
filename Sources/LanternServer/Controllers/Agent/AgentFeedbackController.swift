import LanternCore
import Vapor

/// Article feedback: per article the thumbs up / down counts and who voted what and when (contact name and
/// e-mail, or anonymous), and the report of the least helpful articles.
struct AgentFeedbackController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("kb", "articles", ":id", "feedback", use: article)
        routes.get("feedback", use: report)
    }

    static let votesPerPage = 100
    static let reportLength = 50

    @Sendable
    func article(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        guard let article = try await ArticleStore.find(try request.portalID("id", "article"), accountID: agent.session.accountID,
                                                        on: request.db)
        else { throw PortalError.notFound("article") }
        let pageRequest = PageRequest.portal(request, perPage: Self.votesPerPage)
        let title = try await ArticleStore.translation(of: article, in: article.primaryLanguage, on: request.db)?.title ?? "Article"
        let votes = try await VoteService.votes(of: article.requireID(), pageRequest, on: request.db)
        let page = AgentArticleFeedbackPage(
            articleID: try article.requireID(), articleTitle: title, thumbsUp: article.thumbsUp, thumbsDown: article.thumbsDown,
            votes: votes.items.map { cast in
                .init(helpful: cast.vote.helpful,
                      voter: cast.voter.map { .init(contactID: $0.id ?? 0, name: $0.name, email: $0.email) },
                      createdAt: cast.vote.createdAt, reason: cast.vote.reason.flatMap(FeedbackReason.init(rawValue:))?.label,
                      comment: cast.vote.comment, ticketID: cast.vote.ticketID)
            },
            nextPage: votes.hasMore ? pageRequest.page + 1 : nil)
        return AgentPage.render(agent, title: page.title, section: .feedback, page.content)
    }

    /// Articles with at least one vote, the ones with the most "not helpful" votes beyond "helpful" ones first.
    @Sendable
    func report(request: Request) async throws -> Response {
        let agent = try request.signedInAgent
        let articles = try await VoteService.leastHelpful(accountID: agent.session.accountID, limit: Self.reportLength, on: request.db)
        let page = AgentLeastHelpfulPage(rows: articles.map {
            .init(articleID: $0.articleID, title: $0.title, thumbsUp: $0.thumbsUp, thumbsDown: $0.thumbsDown)
        })
        return AgentPage.render(agent, title: page.title, section: .feedback, page.content)
    }
}
