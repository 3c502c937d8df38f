import Fluent
import Foundation
import SQLKit
import Vapor

/// Article hits: views from the widget and `/support`, one per visitor and article per day (UTC). A visitor is a
/// signed-in contact, else the random id their browser keeps (the widget's `visitor_id`, the portal's visitor
/// cookie), else their client address; only a keyed hash of it is stored (with `VoteService`'s key), and only for
/// the current day. The article's counter changes in the same transaction.
enum ArticleViewService {
    /// Who viewed an article.
    enum Visitor: Sendable {
        case contact(Int)
        case browser(visitorID: String)
        case address(String)

        /// The signed-in contact, else the browser's visitor id, else the client address; `nil` when none is known.
        static func first(contactID: Int?, visitorID: String?, address: String?) -> Visitor? {
            if let contactID { return .contact(contactID) }
            if let visitorID { return .browser(visitorID: visitorID) }
            return address.map { .address($0) }
        }

        /// Who it is, in this process's memory of counted views (never stored).
        var key: String {
            switch self {
            case .contact(let id): "c \(id)"
            case .browser(let visitorID): "v \(visitorID)"
            case .address(let address): "a \(address)"
            }
        }
    }

    /// Counts a view of the article by `visitor` on `now`'s day, unless they viewed it already that day.
    static func record(articleID: Int, by visitor: Visitor, on db: any Database, now: Date = Date()) async throws {
        let day = Self.day(now)
        try await db.writeTransaction { db in
            let key = try await VoteService.hashKey(on: db)
            let hash = switch visitor {
            case .contact(let id): VoteService.keyedHash("view-contact", articleID, String(id), key: key)
            case .browser(let visitorID): VoteService.keyedHash("view-visitor", articleID, visitorID, key: key)
            case .address(let address): VoteService.keyedHash("view-address", articleID, address, key: key)
            }
            let sql = db.sql
            try await sql.raw("DELETE FROM \(ident: ArticleView.schema) WHERE article_id = \(bind: articleID) AND day < \(bind: day)").run()
            let inserted = try await sql.raw("""
                INSERT INTO \(ident: ArticleView.schema) (article_id, visitor_hash, day) VALUES (\(bind: articleID), \(bind: hash), \(bind: day))
                ON CONFLICT (article_id, visitor_hash, day) DO NOTHING RETURNING id
                """).first()
            guard inserted != nil else { return }
            try await sql.raw("UPDATE \(ident: Article.schema) SET hits = hits + 1 WHERE id = \(bind: articleID)").run()
        }
    }

    /// Counts the view as `record` does, logging rather than failing when it cannot: reading the article matters more.
    /// A view this process counted already today costs nothing more (`CountedViews`).
    static func recordQuietly(articleID: Int, by visitor: Visitor?, request: Request) async {
        guard let visitor else { return }
        let now = Date()
        let key = "\(articleID) \(visitor.key)", day = Self.day(now)
        guard !request.application.countedViews.contains(key, day: day) else { return }
        do {
            try await record(articleID: articleID, by: visitor, on: request.db, now: now)
            request.application.countedViews.insert(key, day: day)
        } catch {
            request.logger.warning("The view of article \(articleID) was not counted: \(String(reflecting: error))")
        }
    }

    /// `YYYY-MM-DD` of `date` in UTC.
    static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
