import Fluent
import Foundation
import LanternCore
import SQLKit

/// What one widget request may read: the widget's account and categories, who is asking, and in which language.
struct ReadingScope: Sendable {
    let accountID: Int
    /// The widget's linked categories; empty means all of the account's categories.
    let categoryIDs: [Int]
    let viewer: Viewer
    /// The language content is served in (articles without it fall back to their primary language).
    let language: String
    /// The account's languages, for search stemming.
    let accountLanguages: [String]

    /// The condition on `a` (articles) and `f` (folders) that decides what may be read: published, in the
    /// widget's categories, in a folder the viewer may see (`VisibilityRule`). Every read path uses it.
    var condition: SQLQueryString {
        var sql: SQLQueryString = "a.account_id = \(bind: accountID) AND a.status = \(literal: Article.Status.published.rawValue)"
        if !categoryIDs.isEmpty { sql = sql + " AND f.category_id IN (\(unsafeRaw: Self.list(categoryIDs)))" }
        let open = VisibilityRule.openKinds(for: viewer).map(\.rawValue).sorted()
        var visibility: SQLQueryString = "f.visibility IN (\(unsafeRaw: Self.list(open)))"
        if case .contact(let companyIDs) = viewer, !companyIDs.isEmpty {
            visibility = visibility + " OR (f.visibility = \(literal: FolderVisibility.selectedCompanies.rawValue) AND EXISTS (SELECT 1 FROM folder_companies fc WHERE fc.folder_id = f.id AND fc.company_id IN (\(unsafeRaw: Self.list(companyIDs.sorted())))))"
        }
        return sql + " AND (" + visibility + ")"
    }

    /// `t` is the translation served for `a`: the scope's language, or the primary one when that is missing or a
    /// draft (a primary translation is always published: the article's status is its own).
    var servedTranslation: SQLQueryString {
        let published = Article.Status.published.rawValue
        return "((t.language = \(bind: language) AND t.status = \(literal: published)) OR (t.language = a.primary_language AND NOT EXISTS (SELECT 1 FROM article_translations x WHERE x.article_id = a.id AND x.language = \(bind: language) AND x.status = \(literal: published))))"
    }

    /// The same scope for the in-memory search structures (`SearchIndex`, `SearchWords`).
    var searchFilter: SearchIndex.Filter {
        SearchIndex.Filter(categoryIDs: Set(categoryIDs), viewer: viewer, language: language)
    }

    /// Integers rendered into SQL (never user text).
    private static func list(_ values: [Int]) -> String { values.map(String.init).joined(separator: ",") }
}

/// The knowledge base as widget callers see it: exactly what `ReadingScope` allows, on every path.
enum KnowledgeBaseReader {
    struct FolderNode: Sendable {
        let id: Int
        let name: String
        let description: String
        let articleCount: Int
    }

    struct CategoryNode: Sendable {
        let id: Int
        let name: String
        let description: String
        var folders: [FolderNode]
    }

    struct Hit: Sendable {
        let articleID: Int
        let categoryID: Int
        let folderID: Int
        let language: String
        let title: String
        let snippet: String
    }

    struct ServedArticle: Sendable {
        let id: Int
        let title: String
        let description: String
        let language: String
        let fallback: Bool
        let thumbsUp: Int
        let thumbsDown: Int
        /// The translation's SEO texts (`seo_data`), when it has them.
        var metaTitle: String? = nil
        var metaDescription: String? = nil
        var metaKeywords: String? = nil
    }

    /// Categories → folders with the number of visible articles; folders with none are left out.
    static func tree(_ scope: ReadingScope, on db: any Database) async throws -> [CategoryNode] {
        // Names and descriptions in the served language where the category or folder has that translation.
        let rows = try await db.sql.raw("""
            SELECT c.id AS category_id, COALESCE(ct.name, c.name) AS category_name,
                   COALESCE(ct.description, c.description) AS category_description,
                   f.id AS folder_id, COALESCE(ft.name, f.name) AS folder_name,
                   COALESCE(ft.description, f.description) AS folder_description, COUNT(a.id) AS articles
            FROM articles a JOIN solution_folders f ON f.id = a.folder_id JOIN solution_categories c ON c.id = f.category_id
            LEFT JOIN container_translations ct ON ct.category_id = c.id AND ct.language = \(bind: scope.language)
            LEFT JOIN container_translations ft ON ft.folder_id = f.id AND ft.language = \(bind: scope.language)
            WHERE \(scope.condition)
            GROUP BY c.id, c.name, c.description, c.position, ct.name, ct.description,
                     f.id, f.name, f.description, f.position, ft.name, ft.description
            ORDER BY c.position, c.id, f.position, f.id
            """).all()
        var categories: [CategoryNode] = []
        for row in rows {
            let categoryID = try row.decode(column: "category_id", as: Int.self)
            let folder = FolderNode(id: try row.decode(column: "folder_id", as: Int.self),
                                    name: try row.decode(column: "folder_name", as: String.self),
                                    description: try row.decode(column: "folder_description", as: String.self),
                                    articleCount: try row.decode(column: "articles", as: Int.self))
            if categories.last?.id == categoryID {
                categories[categories.count - 1].folders.append(folder)
            } else {
                categories.append(CategoryNode(id: categoryID, name: try row.decode(column: "category_name", as: String.self),
                                               description: try row.decode(column: "category_description", as: String.self),
                                               folders: [folder]))
            }
        }
        return categories
    }

    /// Visible articles, most helpful first, optionally within one folder or category.
    static func list(_ scope: ReadingScope, folderID: Int?, categoryID: Int?, page: PageRequest, on db: any Database) async throws -> (hits: [Hit], total: Int) {
        var filter: SQLQueryString = "\(scope.condition) AND \(scope.servedTranslation)"
        if let folderID { filter = filter + " AND a.folder_id = \(bind: folderID)" }
        if let categoryID { filter = filter + " AND f.category_id = \(bind: categoryID)" }
        let from: SQLQueryString = "FROM articles a JOIN solution_folders f ON f.id = a.folder_id JOIN article_translations t ON t.article_id = a.id WHERE "
        let rows = try await db.sql.raw("""
            SELECT a.id, f.category_id, a.folder_id, t.language, t.title, t.body_text \(from)\(filter)
            ORDER BY a.thumbs_up DESC, a.thumbs_down ASC, a.id ASC LIMIT \(literal: page.perPage) OFFSET \(literal: page.offset)
            """).all()
        let total = try await count(from + filter, on: db)
        let plain = SnippetBuilder.Highlighter(nil)
        return (try rows.map { try hit($0, highlighter: plain) }, total)
    }

    /// Ranking every match of a word that nearly every article contains is what makes naive full-text search slow,
    /// so the work is bounded: the best `limit` visible title matches are ranked (titles are short, so a word is in
    /// few of them, and a title match ranks above any body match), plus the first `limit` further visible matches in
    /// index order, ranked among themselves below the title matches. The scope filters the candidates before they
    /// are counted, so what the reader may not see never takes a candidate's place. When the page is short, the
    /// search runs again with the next, larger limit, the last one unbounded; so a page is never short for want of
    /// candidates, and `total` is exact whenever the page is not full.
    static let candidateLimits = [60, 2_000, Int.max]

    /// Full-text search over the served translations matching any word of the query, best first. With `index` (the
    /// account's in-memory index, up to date) the index answers alone; without, the database's full-text search does.
    /// Either way the ranking depends only on what the scope may see, and covering every word of the query counts
    /// for much without being required (`ranked`).
    static func search(_ scope: ReadingScope, query: SearchQuery, page: PageRequest, offset: Int? = nil, index: SearchIndex? = nil,
                       on db: any Database) async throws -> (hits: [Hit], total: Int) {
        guard !query.isEmpty else { return ([], 0) }
        let offset = offset ?? page.offset
        if let index { return search(scope, query: query, limit: page.perPage, offset: offset, index: index) }
        var result: (rows: [any SQLRow], total: Int) = ([], 0)
        for limit in candidateLimits {
            result = try await ranked(scope, query: query, limit: limit, page: page, offset: offset, on: db)
            if result.rows.count == page.perPage { break }
        }
        let highlighter = SnippetBuilder.Highlighter(query)
        return (try result.rows.map { try hit($0, highlighter: highlighter) }, result.total)
    }

    /// The in-memory index ranks and answers the page itself, without a database query: it was built at the
    /// `search_version` read with the widget in this request, and every change that a search could see (a
    /// translation, an article's status, folder or languages, a folder's visibility or category, its companies)
    /// raises that version, so the index is exactly the database as of that read.
    private static func search(_ scope: ReadingScope, query: SearchQuery, limit: Int, offset: Int,
                               index: SearchIndex) -> (hits: [Hit], total: Int) {
        let ranked = index.search(query, filter: scope.searchFilter, offset: offset, limit: limit)
        let highlighter = SnippetBuilder.Highlighter(query)
        let hits = ranked.hits.map { hit in
            Hit(articleID: hit.articleID, categoryID: hit.categoryID, folderID: hit.folderID, language: hit.language, title: hit.title,
                snippet: highlighter.snippet(hit.text))
        }
        return (hits, ranked.total)
    }

    /// SQLite's rank of a body match, from that document alone (FTS5's `bm25()` would use the whole table's
    /// statistics, other readers' and other tenants' rows included): BM25's saturation of the query's occurrences,
    /// the title's ten times the body's (counted by the markers `highlight()` inserts), normalised by the body's
    /// length against a fixed one: `norm / (frequency + norm)`, which orders as `-frequency / (frequency + norm)`.
    /// Lower is better.
    private static let sqliteScore = """
        ((0.3 + 0.9 * length(t.search_body) / 2000.0)
            / (10.0 * (length(highlight(article_search, 0, char(1), '')) - length(t.search_title))
               + (length(highlight(article_search, 1, char(1), '')) - length(t.search_body))
               + 0.3 + 0.9 * length(t.search_body) / 2000.0))
        """

    /// The same for a title match, from the title alone (its occurrences, against a fixed length of 40
    /// characters): every title match of a common word is ranked, and titles are short to scan.
    private static let sqliteTitleScore = """
        ((0.3 + 0.9 * length(t.search_title) / 40.0)
            / ((length(highlight(article_search, 0, char(1), '')) - length(t.search_title)) + 0.3 + 0.9 * length(t.search_title) / 40.0))
        """

    /// How much less a candidate that misses some words of a query of `groups` words counts on SQLite than one that
    /// has them all: the square of the share it covers, as the in-memory index weighs it, taking the best such a
    /// candidate can have, every word but one. (FTS5 tells, per candidate, only whether it matched every word or
    /// some: which ones would take a lookup per candidate and word, about 150 µs each.)
    static func partialCoverage(groups: Int) -> Double {
        let share = Double(groups - 1) / Double(groups)
        return share * share
    }

    /// One ranked page and the number of visible matches, in one query. The candidates are those of the query with
    /// every word (AND) and those with any word (OR), each bounded as `candidateLimits` says, so that an article
    /// missing one word can still rank above one that merely mentions them all. PostgreSQL ranks them as the
    /// in-memory index does: `ts_rank` (title ten times the body) times the square of the share of the query's words
    /// the article has, times one plus the share in its title. SQLite ranks them by their own score (title matches
    /// above body matches, occurrences saturated as in BM25) times `partialCoverage` unless they have every word.
    private static func ranked(_ scope: ReadingScope, query: SearchQuery, limit: Int, page: PageRequest, offset: Int,
                               on db: any Database) async throws -> (rows: [any SQLRow], total: Int) {
        let bound: SQLQueryString = limit == Int.max ? "" : " LIMIT \(literal: limit)"
        let visible: SQLQueryString = "\(scope.condition) AND \(scope.servedTranslation)"
        // (every word, coverage factor): a one-word query has the one.
        let passes: [(all: Bool, coverage: Double)] = query.groups.count > 1
            ? [(true, 1), (false, partialCoverage(groups: query.groups.count))] : [(true, 1)]
        var subqueries: [SQLQueryString] = []
        let candidates: SQLQueryString
        var ranking: SQLQueryString = ""
        var order: SQLQueryString = "c.relevance DESC"
        if db.isSQLite {
            let tenant = "{search_scope} : \"a\(scope.accountID)\" AND "
            let joins: SQLQueryString = """
                FROM article_search CROSS JOIN article_translations t ON t.id = article_search.rowid
                CROSS JOIN articles a ON a.id = t.article_id CROSS JOIN solution_folders f ON f.id = a.folder_id
                """
            for pass in passes {
                let expression = query.fts5Expression(all: pass.all)
                // Scores from 1 to 2 for title matches, 0 to 1 for body matches: higher is better.
                subqueries.append("""
                    SELECT * FROM (SELECT t.id AS translation_id, (2 - \(unsafeRaw: sqliteTitleScore)) * \(unsafeRaw: String(pass.coverage)) AS relevance \(joins)
                        WHERE article_search MATCH \(bind: tenant + "{search_title} : (" + expression + ")") AND \(visible) ORDER BY relevance DESC, t.id\(bound))
                    """)
                subqueries.append("""
                    SELECT * FROM (SELECT t.id, (1 - \(unsafeRaw: sqliteScore)) * \(unsafeRaw: String(pass.coverage)) \(joins)
                        WHERE article_search MATCH \(bind: tenant + "(" + expression + ")") AND \(visible)\(bound))
                    """)
            }
            candidates = "SELECT translation_id, MAX(relevance) AS relevance FROM (\(union(subqueries))) ranked GROUP BY translation_id"
        } else {
            let configurations = Set(scope.accountLanguages.compactMap { CreateArticleSearch.postgresConfigurations[LanguageCode($0)?.base ?? ""] } + ["simple"])
            func tsquery(_ expression: String) -> SQLQueryString {
                var tsquery: SQLQueryString = ""
                for (index, configuration) in configurations.sorted().enumerated() {
                    tsquery = tsquery + (index == 0 ? "" : " || ") + "to_tsquery(\(bind: configuration)::regconfig, \(bind: expression))"
                }
                return tsquery
            }
            // `ts_rank` and `@@` read only the document's own vectors: no other row changes them.
            let joins: SQLQueryString = "JOIN articles a ON a.id = t.article_id JOIN solution_folders f ON f.id = a.folder_id"
            for pass in passes {
                let matching = tsquery(query.tsqueryExpression(all: pass.all))
                subqueries.append("""
                    (SELECT t.id AS translation_id FROM article_translations t \(joins), (SELECT \(matching) AS query) q
                     WHERE t.title_vector @@ q.query AND t.account_id = \(bind: scope.accountID) AND \(visible)
                     ORDER BY ts_rank(t.title_vector, q.query) DESC, t.id\(bound))
                    """)
                subqueries.append("""
                    (SELECT t.id FROM article_translations t \(joins), (SELECT \(matching) AS query) q
                     WHERE t.search_vector @@ q.query AND t.account_id = \(bind: scope.accountID) AND \(visible)
                     ORDER BY t.id\(bound))
                    """)
            }
            candidates = "SELECT DISTINCT translation_id FROM (\(union(subqueries))) ranked"
            // The query's words one by one, for the share each candidate covers in all and in its title.
            let words = query.words
            var covered: SQLQueryString = "0", inTitle: SQLQueryString = "0"
            var queries: SQLQueryString = "\(tsquery(query.tsqueryExpression(all: false))) AS any"
            for (index, word) in words.enumerated() {
                queries = queries + ", \(tsquery(word.tsqueryExpression(all: true))) AS w\(unsafeRaw: String(index))"
                covered = covered + " + (t.search_vector @@ q.w\(unsafeRaw: String(index)))::int"
                inTitle = inTitle + " + (t.title_vector @@ q.w\(unsafeRaw: String(index)))::int"
            }
            let count = String(words.count)
            ranking = ", (SELECT \(queries)) q"
            order = """
                ts_rank('{0.1, 0.2, 0.1, 1.0}', t.search_vector, q.any) * power((\(covered))::float8 / \(unsafeRaw: count), 2)
                    * (1 + (\(inTitle))::float8 / \(unsafeRaw: count)) DESC
                """
        }
        // The candidates drive the joins. SQLite's planner would otherwise start from every article of the
        // account and probe the candidates (5-10x slower); CROSS JOIN fixes the order there.
        let join: SQLQueryString = db.isSQLite ? "CROSS JOIN" : "JOIN"
        let from: SQLQueryString = """
            FROM (\(candidates)) c \(join) article_translations t ON t.id = c.translation_id
            \(join) articles a ON a.id = t.article_id \(join) solution_folders f ON f.id = a.folder_id\(ranking)
            WHERE \(scope.condition) AND \(scope.servedTranslation)
            """
        let rows = try await db.sql.raw("""
            SELECT a.id, f.category_id, a.folder_id, t.language, t.title, t.body_text, t.search_body, COUNT(*) OVER () AS total \(from)
            ORDER BY \(order), a.id ASC LIMIT \(literal: page.perPage) OFFSET \(literal: offset)
            """).all()
        if let first = rows.first { return (rows, try first.decode(column: "total", as: Int.self)) }
        // Past the last page the window has no row to report on.
        let total = offset == 0 ? 0 : try await count(from, on: db)
        return (rows, total)
    }

    /// The subqueries as one `UNION ALL`.
    private static func union(_ subqueries: [SQLQueryString]) -> SQLQueryString {
        var union: SQLQueryString = ""
        for (index, subquery) in subqueries.enumerated() { union = union + (index == 0 ? "" : " UNION ALL ") + subquery }
        return union
    }

    /// One visible article in the served language; `nil` when it does not exist or the scope may not see it.
    static func article(_ id: Int, scope: ReadingScope, on db: any Database) async throws -> ServedArticle? {
        guard let row = try await db.sql.raw("""
            SELECT a.id, a.thumbs_up, a.thumbs_down, t.title, t.description, t.language, t.meta_title, t.meta_description, t.meta_keywords
            FROM articles a JOIN solution_folders f ON f.id = a.folder_id JOIN article_translations t ON t.article_id = a.id
            WHERE a.id = \(bind: id) AND \(scope.condition) AND \(scope.servedTranslation)
            """).first() else { return nil }
        let language = try row.decode(column: "language", as: String.self)
        return ServedArticle(id: id, title: try row.decode(column: "title", as: String.self),
                             description: try row.decode(column: "description", as: String.self), language: language,
                             fallback: language != scope.language,
                             thumbsUp: try row.decode(column: "thumbs_up", as: Int.self),
                             thumbsDown: try row.decode(column: "thumbs_down", as: Int.self),
                             metaTitle: try row.decode(column: "meta_title", as: String?.self),
                             metaDescription: try row.decode(column: "meta_description", as: String?.self),
                             metaKeywords: try row.decode(column: "meta_keywords", as: String?.self))
    }

    /// The visible ones of articles `ids`, in the order given, as hits with the start of their text as the
    /// snippet; the others are left out as if they did not exist.
    static func pick(_ ids: [Int], scope: ReadingScope, on db: any Database) async throws -> [Hit] {
        guard !ids.isEmpty else { return [] }
        let list = ids.map(String.init).joined(separator: ",")
        let rows = try await db.sql.raw("""
            SELECT a.id, f.category_id, a.folder_id, t.language, t.title, t.body_text
            FROM articles a JOIN solution_folders f ON f.id = a.folder_id JOIN article_translations t ON t.article_id = a.id
            WHERE a.id IN (\(unsafeRaw: list)) AND \(scope.condition) AND \(scope.servedTranslation)
            """).all()
        let plain = SnippetBuilder.Highlighter(nil)
        let hits = Dictionary(try rows.map { try hit($0, highlighter: plain) }.map { ($0.articleID, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { hits[$0] }
    }

    /// Whether the scope may see article `id`.
    static func isVisible(_ id: Int, scope: ReadingScope, on db: any Database) async throws -> Bool {
        try await db.sql.raw("""
            SELECT a.id FROM articles a JOIN solution_folders f ON f.id = a.folder_id WHERE a.id = \(bind: id) AND \(scope.condition)
            """).first() != nil
    }

    private static func count(_ fromAndFilter: SQLQueryString, on db: any Database) async throws -> Int {
        try await db.sql.raw("SELECT COUNT(*) AS total " + fromAndFilter).first()?.decode(column: "total", as: Int.self) ?? 0
    }

    /// A row as a hit; rows of a search carry `search_body`, the folded text.
    private static func hit(_ row: any SQLRow, highlighter: SnippetBuilder.Highlighter) throws -> Hit {
        Hit(articleID: try row.decode(column: "id", as: Int.self), categoryID: try row.decode(column: "category_id", as: Int.self),
            folderID: try row.decode(column: "folder_id", as: Int.self), language: try row.decode(column: "language", as: String.self),
            title: try row.decode(column: "title", as: String.self),
            snippet: highlighter.snippet(try row.decode(column: "body_text", as: String.self),
                                         folded: highlighter.query == nil ? nil : try row.decode(column: "search_body", as: String?.self)))
    }
}
