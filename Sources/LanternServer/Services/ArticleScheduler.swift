import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Applies articles' `publish_at` and `unpublish_at` when they come: at `publish_at` the article's waiting drafts are
/// published and the article with them; at `unpublish_at` the article goes off line. Every server process runs it;
/// each time is claimed by one conditional `UPDATE` that clears it, so exactly one process applies it, in the same
/// transaction as the change, and every process sees the change at once (the search version moves with it).
enum ArticleScheduler {
    /// How many articles one pass looks at; a pass that finds this many runs again at once.
    static let batchSize = 50

    /// Applies what is due at `now` (in one account's articles only, when given); returns how many articles changed here.
    @discardableResult
    static func applyDue(now: Date = Date(), accountID: Int? = nil, on db: any Database) async throws -> Int {
        let account: SQLQueryString = accountID.map { " AND account_id = \(bind: $0)" } ?? ""
        let due = try await db.sql.raw("""
            SELECT id FROM articles WHERE (publish_at <= \(bind: now) OR unpublish_at <= \(bind: now))\(account) ORDER BY id LIMIT \(literal: batchSize)
            """).all().map { try $0.decode(column: "id", as: Int.self) }
        var applied = 0
        for id in due where try await apply(id, now: now, on: db) { applied += 1 }
        return applied
    }

    /// Applies the due times of one article, in the order they fell; false when another process got there first.
    private static func apply(_ articleID: Int, now: Date, on db: any Database) async throws -> Bool {
        try await db.writeTransaction { db in
            guard let article = try await Article.find(articleID, on: db) else { return false }
            var steps: [(Date, Bool)] = []
            if let publishAt = article.publishAt, publishAt <= now { steps.append((publishAt, true)) }
            if let unpublishAt = article.unpublishAt, unpublishAt <= now { steps.append((unpublishAt, false)) }
            var changed = false
            for (_, publishing) in steps.sorted(by: { $0.0 < $1.0 }) {
                let column = publishing ? "publish_at" : "unpublish_at"
                let claimed = try await db.sql.raw("""
                    UPDATE articles SET \(unsafeRaw: column) = NULL WHERE id = \(bind: articleID) AND \(unsafeRaw: column) <= \(bind: now) RETURNING id
                    """).all()
                guard !claimed.isEmpty else { continue }
                changed = true
                if publishing {
                    for draft in try await ArticleDraft.query(on: db).filter(\.$articleID == articleID).sort(\.$language).all() {
                        try await ArticleRevisionService.publish(draft, of: article, agentID: draft.agentID, on: db)
                    }
                }
                try await db.sql.raw("""
                    UPDATE articles SET status = \(literal: (publishing ? Article.Status.published : .draft).rawValue), updated_at = \(bind: now)
                    WHERE id = \(bind: articleID)
                    """).run()
            }
            return changed
        }
    }

    /// Runs the scheduler every second while the server runs (`lantern serve` installs it).
    struct Runner: LifecycleHandler {
        private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

        func didBootAsync(_ application: Application) async throws {
            task.withLockedValue {
                $0 = Task {
                    while !Task.isCancelled {
                        do {
                            if try await ArticleScheduler.applyDue(on: application.db) == ArticleScheduler.batchSize { continue }
                        } catch {
                            application.logger.warning("Scheduled article publishing failed: \(error)")
                        }
                        try? await Task.sleep(for: .seconds(1))
                    }
                }
            }
        }

        func shutdownAsync(_ application: Application) async {
            let running = task.withLockedValue { $0 }
            running?.cancel()
            await running?.value
        }
    }
}
