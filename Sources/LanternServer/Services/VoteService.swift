import Crypto
import Fluent
import Foundation
import LanternCore
import SQLKit
import Vapor

/// Helpful / not-helpful votes: one counted vote per voter and article, and voting again replaces the earlier vote.
/// A signed-in contact is known by their contact; an anonymous visitor by the random id their browser keeps (the
/// widget frame's `visitor_id`, the portal's cookie), of which only a keyed hash is stored. New anonymous votes are
/// also limited per client address and article (`LANTERN_VOTE_RATE_LIMIT`); that limit alone holds a visitor who
/// sends no id (older widgets). The article's counters change in the same transaction as the votes.
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

    /// How long a visitor id is, in base64url characters (the widget sends 22: 128 random bits).
    static let visitorIDLength = 16...128

    /// `raw` when it is a visitor id (16 to 128 base64url characters), `nil` when absent; otherwise a 422 naming
    /// `field`.
    static func visitorID(_ raw: String?, field: String = "visitor_id") throws -> String? {
        guard let raw else { return nil }
        guard visitorIDLength.contains(raw.utf8.count),
              raw.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || (0x30...0x39).contains($0)
                  || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) })
        else {
            throw AppError.validation([field: "must be \(visitorIDLength.lowerBound) to \(visitorIDLength.upperBound) characters of A-Z, a-z, 0-9, - and _"])
        }
        return raw
    }

    /// A visitor id for a browser that has none: 128 random bits in base64url.
    static func newVisitorID() -> String { Base64URL.encode(SecretGenerator.randomBytes(16)) }

    /// Records a vote. A signed-in contact (`contactID`) or an anonymous visitor with an id replaces their earlier
    /// vote on the article; any other anonymous vote is a new one, refused with 429 `rate_limited` (and
    /// `Retry-After`) once `address` has cast `limit.count` new votes on the article in `limit.seconds`.
    /// With `answer` (a not-helpful vote's reason and comment), the vote keeps it, replacing an earlier answer;
    /// a helpful vote forgets any answer. Returns the vote as stored.
    @discardableResult
    static func vote(articleID: Int, accountID: Int, contactID: Int?, visitorID: String? = nil, address: String? = nil,
                     helpful: Bool, answer: Answer? = nil, limit: RateLimit? = nil, on db: any Database,
                     now: Date = Date()) async throws -> ArticleVote {
        try await db.writeTransaction { db in
            if !db.isSQLite {
                // Votes on one article take turns, so that simultaneous votes of one visitor find each other and the
                // address limit counts them all; SQLite's write transaction already does.
                try await db.sql.raw("SELECT pg_advisory_xact_lock(hashtext(\(bind: "article-vote:\(articleID)")))").run()
            }
            var existing: ArticleVote? = nil
            var visitorHash: String? = nil
            if let contactID {
                existing = try await ArticleVote.query(on: db).filter(\.$articleID == articleID).filter(\.$contactID == contactID).first()
            } else {
                let key = try await hashKey(on: db)
                if let visitorID {
                    let hash = keyedHash("visitor", articleID, visitorID, key: key)
                    visitorHash = hash
                    existing = try await ArticleVote.query(on: db).filter(\.$articleID == articleID).filter(\.$visitorHash == hash).first()
                }
                if existing == nil, let limit, let address {
                    try await countNewVote(articleID: articleID, addressHash: keyedHash("address", articleID, address, key: key),
                                           limit: limit, now: now, on: db)
                }
            }
            var up = helpful ? 1 : 0, down = helpful ? 0 : 1
            let vote: ArticleVote
            if let existing {
                vote = existing
                guard existing.helpful != helpful else {
                    if let answer { try await keep(answer, on: existing, now: now, db: db) }
                    return existing
                }
                up = helpful ? 1 : -1
                down = -up
                existing.helpful = helpful
                existing.createdAt = now
                if helpful { (existing.reason, existing.comment, existing.answeredAt) = (nil, nil, nil) }
                try await existing.save(on: db)
            } else {
                vote = ArticleVote(accountID: accountID, articleID: articleID, contactID: contactID, visitorHash: visitorHash,
                                   helpful: helpful, createdAt: now)
                try await vote.create(on: db)
            }
            if let answer { try await keep(answer, on: vote, now: now, db: db) }
            try await db.sql.raw("""
                UPDATE articles SET thumbs_up = thumbs_up + \(literal: up), thumbs_down = thumbs_down + \(literal: down)
                WHERE id = \(bind: articleID)
                """).run()
            return vote
        }
    }

    /// Why a visitor found an article not helpful: a reason, and a comment of up to 1,000 characters.
    struct Answer: Sendable, Equatable {
        let reason: FeedbackReason
        let comment: String?
    }

    static let maximumCommentLength = 1_000

    /// The answer of a vote's `reason` and `comment`, `nil` when neither is given; a 422 when the answer is not
    /// one (an unknown reason, a comment without a reason or over 1,000 characters, an answer to a helpful vote).
    static func answer(helpful: Bool, reason: String?, comment: String?) throws -> Answer? {
        guard reason != nil || comment != nil else { return nil }
        var errors = FieldErrors()
        if helpful { errors.add(reason != nil ? "reason" : "comment", "is only for a not-helpful vote (helpful: false)") }
        let parsed = reason.flatMap(FeedbackReason.init(rawValue:))
        if reason == nil { errors.add("reason", "is required with a comment") }
        else if parsed == nil { errors.add("reason", "must be one of \(FeedbackReason.allCases.map(\.rawValue).joined(separator: ", "))") }
        let text = errors.freeText(comment, "comment", maximum: maximumCommentLength)
        try errors.throwIfAny()
        return Answer(reason: parsed!, comment: text?.isEmpty == false ? text : nil)
    }

    private static func keep(_ answer: Answer, on vote: ArticleVote, now: Date, db: any Database) async throws {
        vote.reason = answer.reason.rawValue
        vote.comment = answer.comment
        vote.answeredAt = now
        try await vote.save(on: db)
    }

    /// Counts a new anonymous vote from the address behind `addressHash`, or throws 429 when the address has used up
    /// `limit` on the article. Forgets events that left the window.
    private static func countNewVote(articleID: Int, addressHash: String, limit: RateLimit, now: Date, on db: any Database) async throws {
        let windowStart = now.addingTimeInterval(-Double(limit.seconds))
        try await VoteAddressEvent.query(on: db).filter(\.$votedAt <= windowStart).delete()
        let recent = try await VoteAddressEvent.query(on: db).filter(\.$articleID == articleID).filter(\.$addressHash == addressHash)
            .sort(\.$votedAt, .descending).limit(limit.count).all().map(\.votedAt.timeIntervalSince1970)
        if let wait = limit.retryAfter(recentEvents: recent, now: now.timeIntervalSince1970) {
            throw AppError(.rateLimited, "Too many votes on this article from your address: at most \(limit.count) every \(limit.seconds) seconds. Try again in \(wait) seconds.",
                           headers: ["Retry-After": String(wait)])
        }
        try await VoteAddressEvent(articleID: articleID, addressHash: addressHash, votedAt: now).create(on: db)
    }

    /// The install's hash key, made on first use (every process and a copied database then share it).
    static func hashKey(on db: any Database) async throws -> SymmetricKey {
        if let stored = try await VoteHashKey.find(VoteHashKey.rowID, on: db) { return SymmetricKey(data: Data(stored.secret.utf8)) }
        try await db.sql.raw("""
            INSERT INTO \(ident: VoteHashKey.schema) (id, secret) VALUES (\(bind: VoteHashKey.rowID), \(bind: SecretGenerator.sharedSecret()))
            ON CONFLICT (id) DO NOTHING
            """).run()
        let stored = try await VoteHashKey.find(VoteHashKey.rowID, on: db)
        guard let stored else { throw AppError(.internalError, "The vote hash key could not be stored.") }
        return SymmetricKey(data: Data(stored.secret.utf8))
    }

    /// HMAC-SHA256 of `kind`, the article and `value` as hex: the same visitor or address gives unrelated hashes on
    /// different articles, and the stored hash does not give the value back.
    static func keyedHash(_ kind: String, _ articleID: Int, _ value: String, key: SymmetricKey) -> String {
        SecretGenerator.hex(HMAC<SHA256>.authenticationCode(for: Data("\(kind):\(articleID):\(value)".utf8), using: key))
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
