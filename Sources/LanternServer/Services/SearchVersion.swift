import Fluent
import Foundation
import LanternCore
import SQLKit
import Vapor

/// `accounts.search_version`, which the database raises on every change a search could see, and the reading of
/// an account's folders and translations that the search structures are built from.
enum SearchVersion {
    static func current(accountID: Int, on db: any Database) async throws -> Int64? {
        try await db.sql.raw("SELECT search_version FROM accounts WHERE id = \(bind: accountID)").first()?
            .decode(column: "search_version", as: Int64.self)
    }

    /// The account's folders as the visibility rule needs them, by id.
    static func folders(accountID: Int, on db: any Database) async throws -> [Int: SearchIndex.Folder] {
        let sql = db.sql
        var companies: [Int: Set<Int>] = [:]
        for row in try await sql.raw("SELECT folder_id, company_id FROM folder_companies WHERE account_id = \(bind: accountID)").all() {
            companies[try row.decode(column: "folder_id", as: Int.self), default: []].insert(try row.decode(column: "company_id", as: Int.self))
        }
        var folders: [Int: SearchIndex.Folder] = [:]
        for row in try await sql.raw("SELECT id, category_id, visibility FROM solution_folders WHERE account_id = \(bind: accountID)").all() {
            let id = try row.decode(column: "id", as: Int.self)
            guard let visibility = FolderVisibility(rawValue: try row.decode(column: "visibility", as: Int.self)) else { continue }
            folders[id] = SearchIndex.Folder(categoryID: try row.decode(column: "category_id", as: Int.self), visibility: visibility,
                                             companyIDs: companies[id] ?? [])
        }
        return folders
    }

    /// What changed after a version: the articles to read again (folders are read again whole), and the version
    /// reached.
    struct Changes: Sendable {
        let version: Int64
        let articleIDs: Set<Int>
    }

    /// Most changes read for one update in place; past it, building afresh is as cheap.
    static let changesPerUpdate = 5_000

    /// The changes after `version` up to the latest (`search_changes`); `nil` when they cannot all be read (the log
    /// no longer reaches back to `version`, or there are more than `changesPerUpdate`): build afresh.
    static func changes(accountID: Int, after version: Int64, on db: any Database) async throws -> Changes? {
        let rows = try await db.sql.raw("""
            SELECT version, article_id FROM search_changes WHERE account_id = \(bind: accountID) AND version > \(bind: version)
            ORDER BY version LIMIT \(literal: changesPerUpdate + 1)
            """).all()
        guard rows.count <= changesPerUpdate else { return nil }
        var reached = version, articles = Set<Int>()
        for row in rows {
            let next = try row.decode(column: "version", as: Int64.self)
            guard next == reached + 1 else { return nil }
            reached = next
            if let article = try row.decode(column: "article_id", as: Int?.self) { articles.insert(article) }
        }
        return Changes(version: reached, articleIDs: articles)
    }

    /// The columns the search structures read of a translation (`t`) and its article (`a`).
    static let searchColumns = "t.id, t.article_id, t.language, t.search_title, t.search_body, t.title, t.body_text, a.folder_id, a.primary_language"

    /// The published translations of published `articleIDs` (`searchColumns`), by article; every article is a key,
    /// with no translation when it is unpublished or gone. The account is checked on the article: a condition on
    /// `t.account_id` leads SQLite to scan the whole account's translations by its index (500 ms at 100,000
    /// articles) instead of looking the few articles up.
    static func publishedTranslations(accountID: Int, articleIDs: Set<Int>, on db: any Database) async throws -> [Int: [any SQLRow]] {
        var byArticle = Dictionary(uniqueKeysWithValues: articleIDs.map { ($0, [any SQLRow]()) })
        let ids = articleIDs.sorted()
        for start in stride(from: 0, to: ids.count, by: 500) {
            let list = ids[start..<min(start + 500, ids.count)].map(String.init).joined(separator: ",")
            for row in try await db.sql.raw("""
                SELECT \(unsafeRaw: searchColumns) FROM article_translations t JOIN articles a ON a.id = t.article_id
                WHERE a.account_id = \(bind: accountID) AND a.status = \(literal: Article.Status.published.rawValue)
                  AND t.status = \(literal: Article.Status.published.rawValue) AND t.article_id IN (\(unsafeRaw: list)) ORDER BY t.id
                """).all() {
                byArticle[try row.decode(column: "article_id", as: Int.self), default: []].append(row)
            }
        }
        return byArticle
    }

    /// Translations read per query: a large knowledge base is read in chunks, never held in memory whole.
    static let chunkSize = 2_000

    /// Calls `body` with every translation of the account (`t`, joined to its article `a`), in id order; `columns`
    /// must include `t.id`.
    static func eachTranslation(accountID: Int, columns: String, publishedOnly: Bool, chunkSize: Int = chunkSize,
                                on db: any Database, _ body: (any SQLRow) throws -> Void) async throws {
        let status = Article.Status.published.rawValue
        let published: SQLQueryString = publishedOnly ? " AND a.status = \(literal: status) AND t.status = \(literal: status)" : ""
        var after = 0
        while true {
            let rows = try await db.sql.raw("""
                SELECT \(unsafeRaw: columns) FROM article_translations t JOIN articles a ON a.id = t.article_id
                WHERE t.account_id = \(bind: accountID) AND t.id > \(bind: after)\(published) ORDER BY t.id LIMIT \(literal: chunkSize)
                """).all()
            for (position, row) in rows.enumerated() {
                try body(row)
                // A build is seconds of work between two reads; the concurrency pool is only as wide as the machine
                // has cores, and requests wait for it.
                if position % 64 == 63 { await Task.yield() }
            }
            guard rows.count == chunkSize, let last = rows.last else { return }
            after = try last.decode(column: "id", as: Int.self)
        }
    }
}
