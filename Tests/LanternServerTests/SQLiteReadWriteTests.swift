import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import LanternServer

/// On SQLite, reads have connections of their own beside the writers' (issue 20, item 1): a read never waits for a
/// write transaction to commit, and sees every committed write at once, this process's and another's.
@Suite("SQLite reads beside the writer", .enabled(if: !TestDatabase.isPostgres))
struct SQLiteReadWriteTests {
    static func accountName(_ id: Int, on db: any Database) async throws -> String? {
        try await db.sql.raw("SELECT name FROM accounts WHERE id = \(bind: id)").first()?.decode(column: "name", as: String.self)
    }

    @Test("A read on the event loop of an open write transaction is answered at once, from what is committed")
    func readDuringWrite() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app, name: "Before")
            let eventLoop = app.eventLoopGroup.next()
            let db = try #require(app.databases.database(logger: app.logger, on: eventLoop))
            let (written, wrote) = AsyncStream<Void>.makeStream()
            let writer = Task {
                try await db.writeTransaction { db in
                    try await db.sql.raw("UPDATE accounts SET name = 'After' WHERE id = \(bind: account.accountID)").run()
                    wrote.yield()
                    // A slow commit: the transaction holds its connection for six seconds.
                    try await Task.sleep(for: .seconds(6))
                }
            }
            for await _ in written { break }
            let clock = ContinuousClock(), started = clock.now
            let name = try await Self.accountName(account.accountID, on: db)
            // Well before the commit, even on a busy machine (it takes milliseconds).
            #expect(clock.now - started < .seconds(3))
            #expect(name == "Before")
            try await writer.value
            // Committed: the next read sees it.
            #expect(try await Self.accountName(account.accountID, on: db) == "After")
        }
    }

    @Test("Each SQLite file has its own writers' queue: a long write to one file never holds up writes to another")
    func queuePerFile() async throws {
        try await withLantern { first in
            try await withLantern { second in
                let queues = (SQLiteWriterQueue.queue(for: first.db), SQLiteWriterQueue.queue(for: second.db))
                #expect(queues.0 !== queues.1)
                #expect(SQLiteWriterQueue.queue(for: first.db) === queues.0)
            }
        }
    }

    @Test("A write queued behind a long one waits its turn past the busy timeout; behind a file another process locks, every queued write fails at once")
    func queuedWriters() async throws {
        let path = TestDatabase.temporarySQLitePath()
        try await withLantern(location: .sqlite(path: path)) { app in
            let account = try await makeAccount(app, name: "Before")
            @Sendable func rename(_ name: String, on db: any Database) async throws {
                try await db.sql.raw("UPDATE accounts SET name = \(bind: name) WHERE id = \(bind: account.accountID)").run()
            }
            let (turn, taken) = AsyncStream<Void>.makeStream()
            let long = Task {
                try await app.db.writeTransaction { db in
                    taken.yield()
                    try await Task.sleep(for: .milliseconds(Int64(sqliteBusyTimeoutMilliseconds) + 1_000))
                    try await rename("Long", on: db)
                }
            }
            for await _ in turn { break }
            try await app.db.writeTransaction { db in try await rename("Queued", on: db) }
            try await long.value
            #expect(try await Self.accountName(account.accountID, on: app.db) == "Queued")

            let locker = try SQLiteLocker(path: path)
            defer { locker.release() }
            let clock = ContinuousClock(), started = clock.now
            let outcomes = await withTaskGroup(of: String.self) { group in
                for index in 0..<4 {
                    group.addTask {
                        do {
                            try await app.db.writeTransaction { db in try await rename("Writer \(index)", on: db) }
                            return "written"
                        } catch {
                            return DatabaseAvailability.isUnavailable(error) ? "unavailable" : "\(error)"
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes == Array(repeating: "unavailable", count: 4))
            #expect(clock.now - started < .seconds(Double(sqliteBusyTimeoutMilliseconds) / 1000 + 3))
        }
    }

    @Test("Another process's commit is read at once; its open write transaction does not hold reads up; ours is read there at once")
    func otherProcess() async throws {
        let path = TestDatabase.temporarySQLitePath()
        try await withLantern(location: .sqlite(path: path)) { app in
            let account = try await makeAccount(app, name: "Before")
            let other = try SQLiteScript(path: path, steps: [
                "UPDATE accounts SET name = 'Other' WHERE id = \(account.accountID)",
                "COMMIT",
                "SELECT name FROM accounts WHERE id = \(account.accountID)",
            ])
            defer { other.finish() }
            // The other process has written but not committed: reads here answer at once, from the last commit.
            _ = try other.step()
            let clock = ContinuousClock(), started = clock.now
            #expect(try await Self.accountName(account.accountID, on: app.db) == "Before")
            // Well before the commit, even on a busy machine (it takes milliseconds).
            #expect(clock.now - started < .seconds(3))
            _ = try other.step()
            #expect(try await Self.accountName(account.accountID, on: app.db) == "Other")
            // A write committed here is what the other process reads next.
            try await app.db.writeTransaction { db in
                try await db.sql.raw("UPDATE accounts SET name = 'Ours' WHERE id = \(bind: account.accountID)").run()
            }
            #expect(try other.step() == "Ours")
        }
    }
}

/// Another process (Python's sqlite3 module) working on an SQLite file one statement at a time: it begins a write
/// transaction, then runs the next statement each time `step` is called and answers with the first column of its
/// first row (or "ok").
final class SQLiteScript: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()

    init(path: String, steps: [String]) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import sqlite3, sys
            connection = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
            connection.execute("BEGIN IMMEDIATE")
            for statement in sys.argv[2:]:
                sys.stdin.readline()
                row = connection.execute(statement).fetchone()
                print(row[0] if row else "ok", flush=True)
            """, path] + steps
        process.standardInput = input
        process.standardOutput = output
        try process.run()
    }

    struct Failed: Error {}

    /// Runs the next statement; its answer.
    func step() throws -> String {
        try input.fileHandleForWriting.write(contentsOf: Data("\n".utf8))
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw Failed() }
            line.append(chunk)
        }
        return String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func finish() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
