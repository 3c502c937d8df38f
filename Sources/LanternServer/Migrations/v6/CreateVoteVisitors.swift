import Fluent
import SQLKit

/// One counted vote per visitor and article: `article_votes.visitor_hash` (a keyed hash of the id an anonymous
/// visitor's browser keeps, unique per article), `vote_address_events` (when each client address last cast new
/// anonymous votes, by keyed hash, for the per-address limit) and `vote_hash_keys` (the key of both hashes, made on
/// the first vote, so that a copied or restored database keeps recognising its visitors).
struct CreateVoteVisitors: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database.sql
        try await database.schema(ArticleVote.schema).field("visitor_hash", .string).update()
        try await sql.create(index: "uq_votes_article_visitor").unique().on(ArticleVote.schema)
            .column("article_id").column("visitor_hash").run()
        try await database.schema(VoteAddressEvent.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("article_id", .int, .required, .references(Article.schema, .id, onDelete: .cascade))
            .field("address_hash", .string, .required)
            .field("voted_at", .datetime, .required)
            .create()
        try await sql.create(index: "idx_vote_events_article_address").on(VoteAddressEvent.schema)
            .column("article_id").column("address_hash").column("voted_at").run()
        try await sql.create(index: "idx_vote_events_time").on(VoteAddressEvent.schema).column("voted_at").run()
        try await database.schema(VoteHashKey.schema)
            .field(.id, .int, .identifier(auto: false))
            .field("secret", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(VoteHashKey.schema).delete()
        try await database.schema(VoteAddressEvent.schema).delete()
        try await database.sql.drop(index: "uq_votes_article_visitor").run()
        try await database.schema(ArticleVote.schema).deleteField("visitor_hash").update()
    }
}
