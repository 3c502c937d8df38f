import Fluent
import Foundation
import LanternCore
import SQLKit
import Vapor

/// Each account's search vocabulary (folded words and how many articles use them), for typo correction, built
/// from the database and rebuilt when the account's `search_version` moves on. The first search of an account
/// waits for it; later ones keep using the previous vocabulary while a new one builds in the background (it only
/// shapes suggestions, never what a visitor may see).
actor SearchVocabulary {
    /// Body words read per article: enough for the vocabulary visitors type, bounded for large knowledge bases.
    static let bodyWordsPerArticle = 400

    private struct Entry {
        let corrector: TypoCorrector
        let version: Int64
    }

    private var entries: [Int: Entry] = [:]
    private var building: [Int: Task<Entry, any Error>] = [:]

    func corrector(accountID: Int, version: Int64, on db: any Database) async throws -> TypoCorrector {
        let current = entries[accountID]
        if let current, current.version == version { return current.corrector }
        let task: Task<Entry, any Error>
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
        if let current { return current.corrector }
        let entry = try await task.value
        finished(task, accountID: accountID, result: .success(entry))
        return entry.corrector
    }

    private func finished(_ task: Task<Entry, any Error>, accountID: Int, result: Result<Entry, any Error>) {
        if building[accountID] == task { building[accountID] = nil }
        if case .success(let entry) = result, entry.version >= (entries[accountID]?.version ?? -1) {
            entries[accountID] = entry
        }
    }

    /// The version is read before the words, so a write in between makes the vocabulary look older, never newer.
    private static func build(accountID: Int, on db: any Database) async throws -> Entry {
        let version = try await SearchVersion.current(accountID: accountID, on: db) ?? 0
        var frequency: [String: Int] = [:]
        try await SearchVersion.eachTranslation(accountID: accountID, columns: "t.id, t.search_title, t.search_body", publishedOnly: false,
                                                on: db) { row in
            let title = try row.decode(column: "search_title", as: String.self)
            let body = try row.decode(column: "search_body", as: String.self)
            var words = Set(SearchText.words(title))
            words.formUnion(SearchText.words(body).prefix(bodyWordsPerArticle))
            for word in words where word.count <= SearchText.maximumTermLength { frequency[word, default: 0] += 1 }
        }
        return Entry(corrector: TypoCorrector(frequency: frequency), version: version)
    }
}

extension Application {
    private struct SearchVocabularyKey: StorageKey { typealias Value = SearchVocabulary }

    /// This process's search vocabularies.
    var searchVocabulary: SearchVocabulary {
        if let vocabulary = storage[SearchVocabularyKey.self] { return vocabulary }
        let vocabulary = SearchVocabulary()
        storage[SearchVocabularyKey.self] = vocabulary
        return vocabulary
    }
}
