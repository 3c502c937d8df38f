import Fluent
import SQLKit

extension Database {
    /// This database as SQLKit sees it (both drivers are SQL databases).
    var sql: any SQLDatabase { self as! any SQLDatabase }

    var isSQLite: Bool { sql.dialect.name == "sqlite" }

    /// Runs `work` in one write transaction. On SQLite, writers of this process take turns in a queue first (SQLite
    /// allows one writer at a time, and its busy handler would otherwise sleep in steps of up to 100 ms), then
    /// take the write lock up front (`BEGIN IMMEDIATE`) with a busy timeout, which only another process can make
    /// them wait on; a deferred transaction could fail on a stale read snapshot.
    func writeTransaction<T: Sendable>(_ work: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard isSQLite else { return try await transaction(work) }
        guard !SQLiteWriterQueue.isWriting else { return try await sqliteImmediateTransaction(work) }
        await SQLiteWriterQueue.shared.enter()
        defer { Task { await SQLiteWriterQueue.shared.leave() } }
        return try await SQLiteWriterQueue.$isWriting.withValue(true) { try await sqliteImmediateTransaction(work) }
    }

    private func sqliteImmediateTransaction<T: Sendable>(_ work: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await withConnection { connection in
            let sql = connection.sql
            try await sql.raw("PRAGMA busy_timeout = \(unsafeRaw: String(sqliteBusyTimeoutMilliseconds))").run()
            try await sql.raw("BEGIN IMMEDIATE").run()
            do {
                let result = try await work(connection)
                try await sql.raw("COMMIT").run()
                return result
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
        }
    }
}

/// The process's SQLite writers, one at a time, in arrival order. (A process serves one SQLite file.)
actor SQLiteWriterQueue {
    static let shared = SQLiteWriterQueue()
    /// Set while a task holds its turn, so that a nested write transaction does not wait for itself.
    @TaskLocal static var isWriting = false
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func enter() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
