import Fluent
import Foundation
import LanternCore
import SQLKit
import Vapor

/// Each account's search vocabulary (folded words and how many articles use them), for typo correction.
/// Built from the database on first use and rebuilt when the account's articles change (checked at most every
/// few seconds, so every server process catches up on its own).
actor SearchVocabulary {
    static let recheckInterval: TimeInterval = 5
    /// Body words read per article: enough for the vocabulary visitors type, bounded for large knowledge bases.
    static let bodyWordsPerArticle = 400

    private struct Entry {
        var corrector: TypoCorrector
        var fingerprint: String
        var checkedAt: Date
    }

    private var entries: [Int: Entry] = [:]
    private var building: [Int: Task<Entry, any Error>] = [:]

    func corrector(accountID: Int, on db: any Database, now: Date = Date()) async throws -> TypoCorrector {
        if let entry = entries[accountID], now.timeIntervalSince(entry.checkedAt) < Self.recheckInterval {
            return entry.corrector
        }
        let fingerprint = try await Self.fingerprint(accountID: accountID, on: db)
        if var entry = entries[accountID], entry.fingerprint == fingerprint {
            entry.checkedAt = now
            entries[accountID] = entry
            return entry.corrector
        }
        let task = building[accountID] ?? Task { try await Self.build(accountID: accountID, fingerprint: fingerprint, on: db) }
        building[accountID] = task
        defer { building[accountID] = nil }
        let entry = try await task.value
        entries[accountID] = entry
        return entry.corrector
    }

    private static func fingerprint(accountID: Int, on db: any Database) async throws -> String {
        guard let row = try await db.sql.raw("""
            SELECT COUNT(*) AS translations, MAX(updated_at) AS changed FROM article_translations WHERE account_id = \(bind: accountID)
            """).first() else { return "" }
        let changed = try row.decode(column: "changed", as: Date?.self)
        return "\(try row.decode(column: "translations", as: Int.self))/\(changed?.timeIntervalSince1970 ?? 0)"
    }

    private static func build(accountID: Int, fingerprint: String, on db: any Database) async throws -> Entry {
        var frequency: [String: Int] = [:]
        let rows = try await db.sql.raw("""
            SELECT search_title, search_body FROM article_translations WHERE account_id = \(bind: accountID)
            """).all()
        for row in rows {
            let title = try row.decode(column: "search_title", as: String.self)
            let body = try row.decode(column: "search_body", as: String.self)
            var words = Set(SearchText.words(title))
            words.formUnion(SearchText.words(body).prefix(bodyWordsPerArticle))
            for word in words where word.count <= SearchText.maximumTermLength { frequency[word, default: 0] += 1 }
        }
        return Entry(corrector: TypoCorrector(frequency: frequency), fingerprint: fingerprint, checkedAt: Date())
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
