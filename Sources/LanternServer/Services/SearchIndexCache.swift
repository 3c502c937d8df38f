import Fluent
import Foundation
import LanternCore
import SQLKit
import Vapor

/// Each account's in-memory `SearchIndex`, for as long as it matches the account's `search_version` (which the
/// database raises on every change a search could see). A search whose account has no index of the current version
/// starts building one and, unless it is ready within `inlineWait`, is answered by the database's own full-text
/// search meanwhile: a stale index is never used, so every process serves every write at once.
actor SearchIndexCache {
    /// How long the search that finds the index out of date waits for the new one before the database answers it
    /// instead (small knowledge bases build well within it; large ones build in the background).
    let inlineWait: Duration

    init(inlineWait: Duration) {
        self.inlineWait = inlineWait
    }

    private struct Entry {
        let version: Int64
        let index: SearchIndex
    }

    private var entries: [Int: Entry] = [:]
    private var building: [Int: Task<Entry, any Error>] = [:]

    /// The index of `accountID` at `version`, or `nil` when it is not ready: the search that finds the index out of
    /// date starts a build and waits for it up to `inlineWait`; searches arriving while a build is under way do not
    /// wait at all.
    func index(accountID: Int, version: Int64, on db: any Database) async -> SearchIndex? {
        if let entry = entries[accountID], entry.version == version { return entry.index }
        guard building[accountID] == nil else { return nil }
        let task = Task.detached(priority: .utility) { try await Self.build(accountID: accountID, on: db) }
        building[accountID] = task
        Task {
            let result = await task.result
            self.finished(task, accountID: accountID, result: result)
        }
        guard let entry = await task.value(within: inlineWait) else { return nil }
        finished(task, accountID: accountID, result: .success(entry))
        return entry.version == version ? entry.index : nil
    }

    private func finished(_ task: Task<Entry, any Error>, accountID: Int, result: Result<Entry, any Error>) {
        if building[accountID] == task { building[accountID] = nil }
        if case .success(let entry) = result, entry.version >= (entries[accountID]?.version ?? -1) {
            entries[accountID] = entry
        }
    }

    /// Reads the version first, then the content: a write in between makes the index look older than it is,
    /// never newer, so it is rebuilt rather than served stale.
    private static func build(accountID: Int, on db: any Database) async throws -> Entry {
        let version = try await SearchVersion.current(accountID: accountID, on: db) ?? 0
        var builder = SearchIndex.Builder(folders: try await SearchVersion.folders(accountID: accountID, on: db))
        try await SearchVersion.eachTranslation(
            accountID: accountID, columns: "t.id, t.article_id, t.language, t.search_title, t.search_body, t.title, t.body_text, a.folder_id, a.primary_language",
            publishedOnly: true, on: db
        ) { row in
            builder.add(SearchIndex.Document(
                translationID: try row.decode(column: "id", as: Int.self), articleID: try row.decode(column: "article_id", as: Int.self),
                folderID: try row.decode(column: "folder_id", as: Int.self), language: try row.decode(column: "language", as: String.self),
                primaryLanguage: try row.decode(column: "primary_language", as: String.self),
                title: try row.decode(column: "search_title", as: String.self), body: try row.decode(column: "search_body", as: String.self),
                displayTitle: try row.decode(column: "title", as: String.self), displayText: try row.decode(column: "body_text", as: String.self)))
        }
        return Entry(version: version, index: builder.finish())
    }
}

extension Application {
    private struct SearchIndexCacheKey: StorageKey { typealias Value = SearchIndexCache }

    /// This process's in-memory search indexes (made by `configure`).
    var searchIndexes: SearchIndexCache {
        get {
            guard let cache = storage[SearchIndexCacheKey.self] else { fatalError("configure(_:settings:) was not called") }
            return cache
        }
        set { storage[SearchIndexCacheKey.self] = newValue }
    }
}

extension Request {
    /// The search tools of `scope` at its account's current `search_version` (read from the database unless given):
    /// the corrector knows only the words `scope` may see.
    func searchTools(scope: ReadingScope, version: Int64? = nil) async throws -> SearchTools {
        let accountID = scope.accountID
        var current = version
        if current == nil { current = try await SearchVersion.current(accountID: accountID, on: db) }
        guard let version = current else {
            return SearchTools(corrector: TypoCorrector(frequency: [:]), index: nil)
        }
        let corrector = try await application.searchVocabulary.corrector(accountID: accountID, version: version,
                                                                          filter: scope.searchFilter, on: db)
        guard application.lantern.searchEngine == .memory else { return SearchTools(corrector: corrector, index: nil) }
        return SearchTools(corrector: corrector, index: await application.searchIndexes.index(accountID: accountID, version: version, on: db))
    }
}
