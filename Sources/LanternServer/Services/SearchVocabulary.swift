import Fluent
import Foundation
import LanternCore
import SQLKit
import Vapor

/// Each account's search vocabulary (folded words and how many published articles use them, counted per folder),
/// for typo correction and type-ahead, built from the database and rebuilt when the account's `search_version`
/// moves on. A reader's corrector is made only from the folders they may see through their categories
/// (`SearchIndex.Filter`), so a word of a draft or of a folder closed to them never shapes their answers; one is
/// kept per distinct set of admitted folders (a handful: anonymous, signed in, per company, agents, bots, widgets'
/// categories). The first search of an account waits for the vocabulary; a search that finds it out of date waits
/// up to `inlineWait` for the new one (small knowledge bases build well within it), then uses the previous one
/// while the new one builds in the background.
actor SearchVocabulary {
    /// Body words read per article: enough for the vocabulary visitors type, bounded for large knowledge bases.
    static let bodyWordsPerArticle = 400
    /// Correctors kept per account, one per set of admitted folders; past it the set is started afresh.
    static let scopesPerAccount = 64

    /// One account's published words at one version.
    private struct Words: Sendable {
        let version: Int64
        let folders: [Int: SearchIndex.Folder]
        /// Per folder id, how many of its published translations use each word.
        let counts: [Int: [String: Int]]

        /// The folders `filter` admits, in id order.
        func admitted(_ filter: SearchIndex.Filter) -> [Int] {
            folders.filter { filter.admits($0.value) }.keys.sorted()
        }

        func corrector(folders admitted: [Int]) -> TypoCorrector {
            var frequency: [String: Int] = [:]
            for folder in admitted {
                for (word, uses) in counts[folder] ?? [:] { frequency[word, default: 0] += uses }
            }
            return TypoCorrector(frequency: frequency)
        }
    }

    private struct Entry {
        let words: Words
        var correctors: [[Int]: Task<TypoCorrector, Never>] = [:]
    }

    private var entries: [Int: Entry] = [:]
    private var building: [Int: Task<Words, any Error>] = [:]
    let inlineWait: Duration

    init(inlineWait: Duration) {
        self.inlineWait = inlineWait
    }

    /// The corrector of what `filter` lets its reader see in account `accountID`.
    func corrector(accountID: Int, version: Int64, filter: SearchIndex.Filter, on db: any Database) async throws -> TypoCorrector {
        if (entries[accountID]?.words.version ?? -1) < version {
            let task: Task<Words, any Error>
            if let running = building[accountID] {
                task = running
            } else {
                task = Task.detached(priority: .utility) { try await Self.build(accountID: accountID, on: db) }
                building[accountID] = task
                Task {
                    let result = await task.result
                    self.finished(task, accountID: accountID, result: result)
                }
            }
            if entries[accountID] == nil {
                let words = try await task.value
                finished(task, accountID: accountID, result: .success(words))
            } else {
                if let words = await task.value(within: inlineWait) { finished(task, accountID: accountID, result: .success(words)) }
            }
        }
        guard var entry = entries[accountID] else { return TypoCorrector(frequency: [:]) }
        let admitted = entry.words.admitted(filter)
        if let made = entry.correctors[admitted] { return await made.value }
        if entry.correctors.count >= Self.scopesPerAccount { entry.correctors.removeAll() }
        let words = entry.words
        let made = Task.detached(priority: .userInitiated) { words.corrector(folders: admitted) }
        entry.correctors[admitted] = made
        entries[accountID] = entry
        return await made.value
    }

    private func finished(_ task: Task<Words, any Error>, accountID: Int, result: Result<Words, any Error>) {
        if building[accountID] == task { building[accountID] = nil }
        if case .success(let words) = result, words.version > (entries[accountID]?.words.version ?? -1) {
            entries[accountID] = Entry(words: words)
        }
    }

    /// The version is read before the words, so a write in between makes the vocabulary look older, never newer.
    private static func build(accountID: Int, on db: any Database) async throws -> Words {
        let version = try await SearchVersion.current(accountID: accountID, on: db) ?? 0
        let folders = try await SearchVersion.folders(accountID: accountID, on: db)
        var counts: [Int: [String: Int]] = [:]
        try await SearchVersion.eachTranslation(accountID: accountID, columns: "t.id, t.search_title, t.search_body, a.folder_id",
                                                publishedOnly: true, on: db) { row in
            let title = try row.decode(column: "search_title", as: String.self)
            let body = try row.decode(column: "search_body", as: String.self)
            var words = Set(SearchText.words(title))
            words.formUnion(SearchText.words(body).prefix(bodyWordsPerArticle))
            let folder = try row.decode(column: "folder_id", as: Int.self)
            for word in words where word.count <= SearchText.maximumTermLength { counts[folder, default: [:]][word, default: 0] += 1 }
        }
        return Words(version: version, folders: folders, counts: counts)
    }
}

extension Application {
    private struct SearchVocabularyKey: StorageKey { typealias Value = SearchVocabulary }

    /// This process's search vocabularies.
    var searchVocabulary: SearchVocabulary {
        if let vocabulary = storage[SearchVocabularyKey.self] { return vocabulary }
        let vocabulary = SearchVocabulary(inlineWait: lantern.searchIndexWait)
        storage[SearchVocabularyKey.self] = vocabulary
        return vocabulary
    }
}
