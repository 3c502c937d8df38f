import Fluent
import Foundation
import SQLKit

/// Helpful / not-helpful votes. A signed-in contact has one vote per article (voting again replaces it);
/// anonymous votes are each counted. The article's counters change in the same transaction as the votes.
enum VoteService {
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
}
