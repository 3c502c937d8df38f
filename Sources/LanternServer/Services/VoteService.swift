import Fluent
import Foundation
import SQLKit

/// Helpful / not-helpful votes. A signed-in contact has one vote per article (voting again replaces it);
/// anonymous votes are each counted. The article's counters change in the same transaction as the votes.
enum VoteService {
    /// A vote with the contact who cast it (`nil` for an anonymous vote).
    struct CastVote: Sendable {
        let vote: ArticleVote
        let voter: Contact?
    }

    /// An article customers voted on, with its primary title and its counters.
    struct VotedArticle: Sendable {
        let articleID: Int
        let title: String
        let thumbsUp: Int
        let thumbsDown: Int
    }

    static func vote(articleID: Int, accountID: Int, contactID: Int?, helpful: Bool, on db: any Database, now: Date = Date()) async throws {
        try await db.writeTransaction { db in
            var up = helpful ? 1 : 0, down = helpful ? 0 : 1
            if let contactID, let existing = try await ArticleVote.query(on: db).filter(\.$articleID == articleID)
                .filter(\.$contactID == contactID).first() {
                guard existing.helpful != helpful else { return }
                up = helpful ? 1 : -1
                down = -up
                existing.helpful = helpful
                existing.createdAt = now
                try await existing.save(on: db)
            } else {
                try await ArticleVote(accountID: accountID, articleID: articleID, contactID: contactID, helpful: helpful,
                                      createdAt: now).create(on: db)
            }
            try await db.sql.raw("""
                UPDATE articles SET thumbs_up = thumbs_up + \(literal: up), thumbs_down = thumbs_down + \(literal: down)
                WHERE id = \(bind: articleID)
                """).run()
        }
    }

    /// One page of an article's votes, newest first, each with its voter.
    static func votes(of articleID: Int, _ page: PageRequest, on db: any Database) async throws -> Page<CastVote> {
        let votes = try await ArticleVote.query(on: db).filter(\.$articleID == articleID)
            .sort(\.$createdAt, .descending).sort(\.$id, .descending).offset(page.offset).limit(page.perPage + 1).all()
        let contactIDs = Set(votes.compactMap(\.contactID))
        let contacts = contactIDs.isEmpty ? [] : try await Contact.query(on: db).filter(\.$id ~~ contactIDs).all()
        let byID = Dictionary(uniqueKeysWithValues: contacts.compactMap { contact in contact.id.map { ($0, contact) } })
        return Page(fetched: votes.map { CastVote(vote: $0, voter: $0.contactID.flatMap { byID[$0] }) }, request: page)
    }

    /// The account's articles with at least one vote, those with the most "not helpful" votes beyond "helpful"
    /// ones first.
    static func leastHelpful(accountID: Int, limit: Int, on db: any Database) async throws -> [VotedArticle] {
        let rows = try await db.sql.raw("""
            SELECT a.id, a.thumbs_up, a.thumbs_down, t.title FROM articles a
            JOIN article_translations t ON t.article_id = a.id AND t.language = a.primary_language
            WHERE a.account_id = \(bind: accountID) AND a.thumbs_up + a.thumbs_down > 0
            ORDER BY (a.thumbs_down - a.thumbs_up) DESC, a.thumbs_down DESC, a.id ASC LIMIT \(literal: limit)
            """).all()
        return try rows.map { row in
            VotedArticle(articleID: try row.decode(column: "id", as: Int.self), title: try row.decode(column: "title", as: String.self),
                         thumbsUp: try row.decode(column: "thumbs_up", as: Int.self),
                         thumbsDown: try row.decode(column: "thumbs_down", as: Int.self))
        }
    }
}
