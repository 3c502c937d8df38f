import Vapor

/// `GET /api/v2/solutions/articles/{id}/votes`: who found an article helpful or not, newest first.
struct ArticleVotesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("solutions", "articles", ":id", "votes", use: list)
    }

    struct VoterDTO: Content {
        let id: Int
        let name: String
        let email: String
    }

    /// `contact` is `null` for an anonymous vote.
    struct VoteDTO: Content {
        let helpful: Bool
        let contact: VoterDTO?
        let created_at: Date

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(helpful, forKey: .helpful)
            try container.encode(contact, forKey: .contact)
            try container.encode(created_at, forKey: .created_at)
        }
    }

    @Sendable
    func list(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        let article = try await ArticleStore.require(try request.id(notFound: .articleNotFound), accountID: caller.accountID, on: request.db)
        let page = try PageRequest(from: request)
        return try await VoteService.votes(of: article.requireID(), page, on: request.db).map { cast in
            let voter = cast.voter.map { VoterDTO(id: $0.id!, name: $0.name, email: $0.email) }
            return VoteDTO(helpful: cast.vote.helpful, contact: voter, created_at: cast.vote.createdAt)
        }.response(for: request, pageRequest: page)
    }
}
