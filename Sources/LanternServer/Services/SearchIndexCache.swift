import Fluent
import Foundation
import LanternCore
import SQLKit
import Vapor

/// Each account's in-memory search structures: its vocabulary (`SearchWords`, for typo correction and type-ahead,
/// kept on both engines) and, with the `memory` engine, its `SearchIndex`. Both follow the account's
/// `search_version` (which the database raises on every change a search could see) in place: a search that finds
/// them behind reads the changes since (`search_changes`) and applies them to the affected articles and folders,
/// waiting up to `inlineWait` for it. They are built afresh only on first use, after an eviction, or when the
/// change log no longer reaches back (and a fresh build drops the old index first, so an account never has two).
/// While an index is missing or behind, the database's full-text search answers: a stale index is never used, so
/// every process serves every write at once.
///
/// Memory is bounded by `memoryBudget` (`LANTERN_SEARCH_MEMORY`): past it, the least recently searched accounts'
/// structures are dropped, and built again when they are next searched. What the process holds besides them
/// (`unbudgetedMemory`, measured from its resident memory) is room the structures leave, so that the process stays
/// within budget + base. At most `concurrentBuilds` fresh builds run at once (the others wait their turn), and each
/// one running counts against the budget as an account of the average size held, so that what is being built never
/// takes the process past it.
actor SearchIndexCache {
    /// How long the search that finds the structures out of date waits for them before the database answers it
    /// instead (updates in place and small knowledge bases are well within it; large builds go on in the background).
    let inlineWait: Duration
    /// The most bytes this process's search structures may hold (estimated); see `LanternSettings.searchMemory`.
    let memoryBudget: Int
    /// The process's memory beyond its base and the structures `held` (see `ResidentMemory`); none by default.
    private let unbudgetedMemory: @Sendable (_ held: Int) -> Int
    private let metrics: LanternMetrics

    init(inlineWait: Duration, memoryBudget: Int, unbudgetedMemory: @escaping @Sendable (_ held: Int) -> Int = { _ in 0 },
         metrics: LanternMetrics) {
        self.inlineWait = inlineWait
        self.memoryBudget = memoryBudget
        self.unbudgetedMemory = unbudgetedMemory
        self.metrics = metrics
    }

    /// An account's vocabulary at a version, with the folders readers are admitted to.
    private struct Vocabulary: Sendable {
        let version: Int64
        let folders: [Int: SearchIndex.Folder]
        let words: SearchWords
        let bytes: Int
    }

    private struct Index: Sendable {
        let version: Int64
        let index: SearchIndex
        let bytes: Int
    }

    private struct Account {
        var vocabulary: Vocabulary?
        var index: Index?
        /// When this account was last searched (a tick of `searches`).
        var lastSearched: UInt64 = 0
        var bytes: Int { (vocabulary?.bytes ?? 0) + (index?.bytes ?? 0) }
    }

    /// Work under way on one account's vocabulary or index: a fresh build, or an update in place.
    private struct Work {
        let id: Int
        let task: Task<Void, any Error>
        let isBuild: Bool
    }

    private var accounts: [Int: Account] = [:]
    private var vocabularyWork: [Int: Work] = [:]
    private var indexWork: [Int: Work] = [:]
    /// Accounts whose index did not fit the budget even alone, with the index's version: the database answers their
    /// searches until the account changes.
    private var oversized: [Int: Int64] = [:]
    private var searches: UInt64 = 0
    private var nextWorkID = 0
    /// Fresh builds running, and those waiting for one of the `concurrentBuilds` turns.
    private var buildsRunning = 0
    private var buildsWaiting: [CheckedContinuation<Void, Never>] = []
    /// As many as the process has cores: more would only share them, each holding its half-built structures.
    static let concurrentBuilds = max(1, System.coreCount)

    /// The search tools of a reader (`filter`) of `accountID` at `version`: the corrector of the words they may see
    /// and, when `withIndex`, the account's index if it is at `version` or later (`nil`: the database answers).
    /// The first search of an account waits for its vocabulary.
    func tools(accountID: Int, version: Int64, filter: SearchIndex.Filter, withIndex: Bool, on db: any Database) async throws -> SearchTools {
        searches += 1
        accounts[accountID, default: Account()].lastSearched = searches
        let corrector = try await corrector(accountID: accountID, version: version, filter: filter, on: db)
        guard withIndex else { return SearchTools(corrector: corrector, index: nil) }
        return SearchTools(corrector: corrector, index: await index(accountID: accountID, version: version, on: db))
    }

    private func corrector(accountID: Int, version: Int64, filter: SearchIndex.Filter, on db: any Database) async throws -> TypoCorrector {
        if (accounts[accountID]?.vocabulary?.version ?? -1) < version {
            let work = vocabularyWork[accountID] ?? startVocabularyWork(accountID: accountID, on: db)
            if accounts[accountID]?.vocabulary == nil {
                try await work.task.value
            } else {
                _ = await work.task.value(within: inlineWait)
            }
        }
        guard let vocabulary = accounts[accountID]?.vocabulary else { return TypoCorrector(frequency: [:]) }
        return vocabulary.words.corrector(folders: Set(vocabulary.folders.filter { filter.admits($0.value) }.keys))
    }

    private func index(accountID: Int, version: Int64, on db: any Database) async -> SearchIndex? {
        if let index = accounts[accountID]?.index, index.version >= version { return index.index }
        if let tooLarge = oversized[accountID], tooLarge >= version { return nil }
        let work: Work
        if let running = indexWork[accountID] {
            // A search arriving while a fresh build is under way does not wait for it; an update it does.
            guard !running.isBuild else { return nil }
            work = running
        } else {
            work = startIndexWork(accountID: accountID, on: db)
        }
        _ = await work.task.value(within: inlineWait)
        if let index = accounts[accountID]?.index, index.version >= version { return index.index }
        return nil
    }

    // MARK: Building and updating (the work runs off the actor; only its result is installed here)

    private func startVocabularyWork(accountID: Int, on db: any Database) -> Work {
        let current = accounts[accountID]?.vocabulary
        nextWorkID += 1
        let id = nextWorkID
        let task = Task.detached(priority: .utility) {
            do {
                let vocabulary = try await self.asBuild(current == nil, of: accountID) { try await Self.refreshed(current, accountID: accountID, on: db) }
                await self.install(vocabulary, accountID: accountID, work: id)
            } catch {
                await self.finishedVocabularyWork(id, accountID: accountID)
                throw error
            }
        }
        let work = Work(id: id, task: task, isBuild: current == nil)
        vocabularyWork[accountID] = work
        return work
    }

    private func startIndexWork(accountID: Int, on db: any Database) -> Work {
        let isBuild = accounts[accountID]?.index == nil
        nextWorkID += 1
        let id = nextWorkID
        let task = Task.detached(priority: .utility) {
            do {
                if let updated = try await self.updatedIndex(accountID: accountID, on: db) {
                    await self.install(updated, accountID: accountID, work: id, built: false)
                } else {
                    await self.dropIndex(accountID: accountID, work: id)
                    let built = try await self.asBuild(true, of: accountID) { try await Self.builtIndex(accountID: accountID, on: db) }
                    await self.install(built, accountID: accountID, work: id, built: true)
                }
            } catch {
                await self.finishedIndexWork(id, accountID: accountID)
                throw error
            }
        }
        let work = Work(id: id, task: task, isBuild: isBuild)
        indexWork[accountID] = work
        return work
    }

    /// Runs `work`, a fresh build of `accountID`'s structures when `isBuild`, in one of the `concurrentBuilds` turns
    /// (waiting for one first).
    private nonisolated func asBuild<T: Sendable>(_ isBuild: Bool, of accountID: Int, _ work: @Sendable () async throws -> T) async throws -> T {
        guard isBuild else { return try await work() }
        await startBuild(of: accountID)
        do {
            let result = try await work()
            await endBuild()
            return result
        } catch {
            await endBuild()
            throw error
        }
    }

    /// Takes a build turn, then makes room for the build (the account built keeps what it holds).
    private func startBuild(of accountID: Int) async {
        if buildsRunning < Self.concurrentBuilds {
            buildsRunning += 1
        } else {
            await withCheckedContinuation { buildsWaiting.append($0) }
        }
        enforceBudget(keeping: accountID)
    }

    /// Ends a build's turn, handing it to the next waiting build (which keeps `buildsRunning` as it is).
    private func endBuild() {
        if buildsWaiting.isEmpty {
            buildsRunning -= 1
        } else {
            buildsWaiting.removeFirst().resume()
        }
    }

    /// The account's index brought up to date in place; `nil` when there is none or it must be built afresh.
    private nonisolated func updatedIndex(accountID: Int, on db: any Database) async throws -> Index? {
        guard let current = await currentIndex(accountID: accountID) else { return nil }
        guard let changes = try await Self.update(accountID: accountID, after: current.version, on: db) else { return nil }
        current.index.update(folders: changes.folders, articles: changes.articles)
        guard current.index.isExact else { return nil }
        return Index(version: changes.version, index: current.index, bytes: current.index.estimatedBytes)
    }

    private func currentIndex(accountID: Int) -> Index? { accounts[accountID]?.index }

    /// Drops the account's index before a fresh build (never two at once); searches stop waiting for the work.
    private func dropIndex(accountID: Int, work id: Int) {
        if accounts[accountID]?.index != nil { FreedMemoryRelease.soon() }
        accounts[accountID]?.index = nil
        if let work = indexWork[accountID], work.id == id { indexWork[accountID] = Work(id: id, task: work.task, isBuild: true) }
        publishGauges()
    }

    private func finishedVocabularyWork(_ id: Int, accountID: Int) {
        if vocabularyWork[accountID]?.id == id { vocabularyWork[accountID] = nil }
    }

    private func finishedIndexWork(_ id: Int, accountID: Int) {
        if indexWork[accountID]?.id == id { indexWork[accountID] = nil }
    }

    private func install(_ vocabulary: Vocabulary, accountID: Int, work: Int) {
        finishedVocabularyWork(work, accountID: accountID)
        if let current = accounts[accountID]?.vocabulary, current.version >= vocabulary.version { return }
        accounts[accountID, default: Account()].vocabulary = vocabulary
        enforceBudget(keeping: accountID)
    }

    private func install(_ index: Index, accountID: Int, work: Int, built: Bool) {
        finishedIndexWork(work, accountID: accountID)
        if built { metrics.searchIndexBuilt() }
        if let current = accounts[accountID]?.index, current.version >= index.version { return }
        accounts[accountID, default: Account()].index = index
        oversized[accountID] = nil
        enforceBudget(keeping: accountID)
    }

    /// Drops the least recently searched accounts' structures until the estimated total, with the builds running
    /// counted as accounts of the average size held, is within the budget less the process's unbudgeted memory.
    /// `accountID` (just installed, or about to be built) goes last, and then only its index (its vocabulary is needed
    /// to answer at all), which stays out until the account changes.
    private func enforceBudget(keeping accountID: Int?) {
        let held = accounts.values.reduce(0) { $0 + $1.bytes }
        let holding = accounts.values.count { $0.bytes > 0 }
        let limit = memoryBudget - unbudgetedMemory(held)
        var total = held + (holding > 0 ? buildsRunning * (held / holding) : 0)
        if total > limit {
            let victims = accounts.filter { $0.key != accountID && $0.value.bytes > 0 }.sorted { $0.value.lastSearched < $1.value.lastSearched }
            for (victim, account) in victims where total > limit {
                total -= account.bytes
                accounts[victim] = nil
                metrics.searchIndexEvicted()
                FreedMemoryRelease.soon()
            }
            if total > limit, let accountID, let index = accounts[accountID]?.index {
                oversized[accountID] = index.version
                accounts[accountID]?.index = nil
                metrics.searchIndexEvicted()
                FreedMemoryRelease.soon()
            }
        }
        publishGauges()
    }

    private func publishGauges() {
        metrics.searchIndexMemory(bytes: accounts.values.reduce(0) { $0 + $1.bytes },
                                  accounts: accounts.values.filter { $0.bytes > 0 }.count)
    }

    // MARK: Reading the database

    /// The vocabulary brought up to date: in place when the change log reaches back to it, else built afresh.
    private static func refreshed(_ current: Vocabulary?, accountID: Int, on db: any Database) async throws -> Vocabulary {
        if let current, let changes = try await update(accountID: accountID, after: current.version, on: db) {
            current.words.update(articles: changes.articles.mapValues { $0.map(Self.vocabularyTranslation) })
            return Vocabulary(version: changes.version, folders: changes.folders, words: current.words, bytes: current.words.estimatedBytes)
        }
        // The version is read before the words, so a write in between makes the vocabulary look older, never newer.
        let version = try await SearchVersion.current(accountID: accountID, on: db) ?? 0
        let folders = try await SearchVersion.folders(accountID: accountID, on: db)
        let words = SearchWords()
        try await SearchVersion.eachTranslation(accountID: accountID, columns: "t.id, t.article_id, t.search_title, t.search_body, a.folder_id",
                                                publishedOnly: true, on: db) { row in
            words.add(SearchWords.Translation(
                translationID: try row.decode(column: "id", as: Int.self), articleID: try row.decode(column: "article_id", as: Int.self),
                folderID: try row.decode(column: "folder_id", as: Int.self), title: try row.decode(column: "search_title", as: String.self),
                body: try row.decode(column: "search_body", as: String.self)))
        }
        words.sortAdded()
        return Vocabulary(version: version, folders: folders, words: words, bytes: words.estimatedBytes)
    }

    /// Reads the version first, then the content, streaming it into the builder: a write in between makes the index
    /// look older than it is, never newer, and the change log brings it up to date.
    private static func builtIndex(accountID: Int, on db: any Database) async throws -> Index {
        let version = try await SearchVersion.current(accountID: accountID, on: db) ?? 0
        var builder = SearchIndex.Builder(folders: try await SearchVersion.folders(accountID: accountID, on: db))
        try await SearchVersion.eachTranslation(accountID: accountID, columns: SearchVersion.searchColumns, publishedOnly: true, on: db) { row in
            builder.add(try document(row))
        }
        let index = builder.finish()
        return Index(version: version, index: index, bytes: index.estimatedBytes)
    }

    /// What changed after `version`: every folder now, and the changed articles' published translations now.
    private struct Update: Sendable {
        let version: Int64
        let folders: [Int: SearchIndex.Folder]
        let articles: [Int: [SearchIndex.Document]]
    }

    /// `nil` when the change log cannot bring `version` up to date (build afresh).
    private static func update(accountID: Int, after version: Int64, on db: any Database) async throws -> Update? {
        guard let changes = try await SearchVersion.changes(accountID: accountID, after: version, on: db) else { return nil }
        let folders = try await SearchVersion.folders(accountID: accountID, on: db)
        let rows = try await SearchVersion.publishedTranslations(accountID: accountID, articleIDs: changes.articleIDs, on: db)
        return Update(version: changes.version, folders: folders, articles: try rows.mapValues { try $0.map(document) })
    }

    private static func document(_ row: any SQLRow) throws -> SearchIndex.Document {
        SearchIndex.Document(
            translationID: try row.decode(column: "id", as: Int.self), articleID: try row.decode(column: "article_id", as: Int.self),
            folderID: try row.decode(column: "folder_id", as: Int.self), language: try row.decode(column: "language", as: String.self),
            primaryLanguage: try row.decode(column: "primary_language", as: String.self),
            title: try row.decode(column: "search_title", as: String.self), body: try row.decode(column: "search_body", as: String.self),
            displayTitle: try row.decode(column: "title", as: String.self), displayText: try row.decode(column: "body_text", as: String.self))
    }

    private static func vocabularyTranslation(_ document: SearchIndex.Document) -> SearchWords.Translation {
        SearchWords.Translation(translationID: document.translationID, articleID: document.articleID, folderID: document.folderID,
                                title: document.title, body: document.body)
    }
}

extension Application {
    private struct SearchIndexCacheKey: StorageKey { typealias Value = SearchIndexCache }

    /// This process's in-memory search structures (made by `configure`).
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
        var current = version
        if current == nil { current = try await SearchVersion.current(accountID: scope.accountID, on: db) }
        guard let version = current else {
            return SearchTools(corrector: TypoCorrector(frequency: [:]), index: nil)
        }
        return try await application.searchIndexes.tools(accountID: scope.accountID, version: version, filter: scope.searchFilter,
                                                        withIndex: application.lantern.searchEngine == .memory, on: db)
    }
}
