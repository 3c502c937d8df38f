import Vapor

/// `GET /api/v2/solutions/articles/{id}/feedback`: the answers visitors gave to "why was this not helpful?",
/// newest first.
struct ArticleFeedbackController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("solutions", "articles", ":id", "feedback", use: list)
    }

    /// `contact` is `null` for an anonymous visitor; `ticket_id` is the "Article feedback" ticket it became, if any.
    struct AnswerDTO: Content {
        let helpful: Bool
        let reason: String?
        let comment: String?
        let contact: ArticleVotesController.VoterDTO?
        let ticket_id: Int?
        let created_at: Date

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(helpful, forKey: .helpful)
            try container.encode(reason, forKey: .reason)
            try container.encode(comment, forKey: .comment)
            try container.encode(contact, forKey: .contact)
            try container.encode(ticket_id, forKey: .ticket_id)
            try container.encode(created_at, forKey: .created_at)
        }
    }

    @Sendable
    func list(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        let article = try await ArticleStore.require(try request.id(notFound: .articleNotFound), accountID: caller.accountID, on: request.db)
        let page = try PageRequest(from: request)
        return try await ArticleFeedbackService.answers(of: article.requireID(), page, on: request.db).map { answered in
            let vote = answered.vote
            return AnswerDTO(helpful: vote.helpful, reason: vote.reason, comment: vote.comment,
                             contact: answered.voter.map { .init(id: $0.id!, name: $0.name, email: $0.email) },
                             ticket_id: vote.ticketID, created_at: vote.answeredAt ?? vote.createdAt)
        }.response(for: request, pageRequest: page)
    }
}
