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
            for row in rows { try body(row) }
            guard rows.count == chunkSize, let last = rows.last else { return }
            after = try last.decode(column: "id", as: Int.self)
        }
    }
}
