import Fluent
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
        let caller = try request.requireAgent()
        guard let article = try await Article.find(try request.id(notFound: .articleNotFound), inAccount: caller.accountID, on: request.db)
        else { throw APIError.articleNotFound }
        let page = try PageRequest(from: request)
        let votes = try await ArticleVote.query(on: request.db).filter(\.$articleID == article.requireID())
            .sort(\.$createdAt, .descending).sort(\.$id, .descending).offset(page.offset).limit(page.perPage + 1).all()
        let contactIDs = Set(votes.compactMap(\.contactID))
        let contacts = contactIDs.isEmpty ? [] : try await Contact.query(on: request.db).filter(\.$id ~~ contactIDs).all()
        let byID = Dictionary(uniqueKeysWithValues: try contacts.map { (try $0.requireID(), $0) })
        return try Page(fetched: votes, request: page).map { vote in
            let voter = vote.contactID.flatMap { byID[$0] }.map { VoterDTO(id: $0.id!, name: $0.name, email: $0.email) }
            return VoteDTO(helpful: vote.helpful, contact: voter, created_at: vote.createdAt)
        }.response(for: request, pageRequest: page)
    }
}
