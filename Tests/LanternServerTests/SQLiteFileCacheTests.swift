import Foundation
import NIOConcurrencyHelpers
import Testing
@testable import LanternServer

@Suite("Values kept while the SQLite file is unchanged")
struct SQLiteFileCacheTests {
    /// A database file and its log whose modification times lie `age` seconds in the past.
    static func files(age: Double) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cache-\(UUID().uuidString).sqlite").path
        try Data("main".utf8).write(to: URL(fileURLWithPath: path))
        try Data("log".utf8).write(to: URL(fileURLWithPath: path + "-wal"))
        try Self.age(path, by: age)
        return path
    }

    static func age(_ path: String, by seconds: Double) throws {
        let past = Date(timeIntervalSinceNow: -seconds)
        for file in [path, path + "-wal"] where FileManager.default.fileExists(atPath: file) {
            try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: file)
        }
    }

    /// Reads counted, answering `value` (which the test changes).
    final class Source: Sendable {
        let reads = NIOLockedValueBox(0)
        let value = NIOLockedValueBox<String?>("first")
        func read() -> String? {
            reads.withLockedValue { $0 += 1 }
            return value.withLockedValue { $0 }
        }
    }

    @Test("Unchanged files: read once; any change to the file or its log, or a replaced file: read again")
    func keptUntilChanged() async throws {
        let path = try Self.files(age: 5)
        let cache = SQLiteFileCache<Int, String>(path: path, settle: 0.1)
        let source = Source()
        #expect(await cache.value(for: 1) { source.read() } == "first")
        #expect(await cache.value(for: 1) { source.read() } == "first")
        #expect(source.reads.withLockedValue { $0 } == 1)

        // A commit appends to the log: read again at once, even though the new value arrived in the same instant.
        source.value.withLockedValue { $0 = "second" }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: path + "-wal"))
        log.seekToEndOfFile()
        log.write(Data("frame".utf8))
        try log.close()
        #expect(await cache.value(for: 1) { source.read() } == "second")
        #expect(source.reads.withLockedValue { $0 } == 2)

        // Same size, only the modification time moved (a log rewritten from its start).
        try Self.age(path, by: 5)
        _ = await cache.value(for: 1) { source.read() }
        source.value.withLockedValue { $0 = "third" }
        try Self.age(path, by: 4)
        #expect(await cache.value(for: 1) { source.read() } == "third")

        // The main file replaced by another (a restored backup): a new inode.
        try Self.age(path, by: 5)
        _ = await cache.value(for: 1) { source.read() }
        source.value.withLockedValue { $0 = "restored" }
        try FileManager.default.removeItem(atPath: path)
        try Data("main".utf8).write(to: URL(fileURLWithPath: path))
        try Self.age(path, by: 5)
        #expect(await cache.value(for: 1) { source.read() } == "restored")

        // Other keys are their own entries; `nil` (nothing found) is never kept.
        source.value.withLockedValue { $0 = nil }
        #expect(await cache.value(for: 2) { source.read() } == nil)
        let before = source.reads.withLockedValue { $0 }
        #expect(await cache.value(for: 2) { source.read() } == nil)
        #expect(source.reads.withLockedValue { $0 } == before + 1)
    }

    @Test("Files changed within the settle time, or missing, are read on every lookup")
    func notKeptWhileUnsettled() async throws {
        let fresh = try Self.files(age: 0)
        let cache = SQLiteFileCache<Int, String>(path: fresh, settle: 60)
        let source = Source()
        for _ in 0..<3 { _ = await cache.value(for: 1) { source.read() } }
        #expect(source.reads.withLockedValue { $0 } == 3)

        let missing = SQLiteFileCache<Int, String>(path: fresh + "-missing", settle: 0)
        let other = Source()
        for _ in 0..<3 { _ = await missing.value(for: 1) { other.read() } }
        #expect(other.reads.withLockedValue { $0 } == 3)
    }
}
