import Fluent
import NIOConcurrencyHelpers
import NIOCore
import SQLiteKit
import SQLKit

extension Database {
    /// This database as SQLKit sees it (both drivers are SQL databases).
    var sql: any SQLDatabase { self as! any SQLDatabase }

    var isSQLite: Bool { sql.dialect.name == "sqlite" }

    /// Runs `work` in one write transaction. On SQLite, writers of this process take turns in a queue first (SQLite
    /// allows one writer at a time, and its busy handler would otherwise sleep in steps of up to 100 ms), then
    /// take the write lock up front (`BEGIN IMMEDIATE`) with the busy timeout, which only another process can make
    /// them wait on; a deferred transaction could fail on a stale read snapshot. A writer whose lock wait ends in
    /// that timeout (the file is locked by another process) fails the writers queued behind it too, so that they
    /// answer after one timeout rather than one each; while the writers ahead make progress, a writer waits for its
    /// turn however busy the process is (up to `SQLiteWriterQueue.longestWait`). The transaction runs on the writers'
    /// own connection (`DatabaseID.sqliteWriter`), never on the one the event loop's reads use, so that no read waits
    /// for a commit.
    func writeTransaction<T: Sendable>(_ work: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard isSQLite else { return try await transaction(work) }
        let timeout = Duration.milliseconds(sqliteBusyTimeoutMilliseconds)
        guard !SQLiteWriterQueue.isWriting else { return try await sqliteImmediateTransaction(busyTimeout: timeout, work) }
        let queue = SQLiteWriterQueue.queue(for: self)
        guard await queue.enter(until: ContinuousClock.now + SQLiteWriterQueue.longestWait) else { throw SQLiteWriterQueue.TurnTimeout() }
        let writer = queue.writer(on: eventLoop) ?? self
        do {
            let result = try await SQLiteWriterQueue.$isWriting.withValue(true) { try await writer.sqliteImmediateTransaction(busyTimeout: timeout, work) }
            Task { await queue.leave(lockedOut: false) }
            return result
        } catch {
            let lockedOut = DatabaseAvailability.isUnavailable(error)
            Task { await queue.leave(lockedOut: lockedOut) }
            throw error
        }
    }

    private func sqliteImmediateTransaction<T: Sendable>(busyTimeout: Duration,
                                                         _ work: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await withConnection { connection in
            let sql = connection.sql
            let milliseconds = busyTimeout.components.seconds * 1_000 + busyTimeout.components.attoseconds / 1_000_000_000_000_000
            try await sql.raw("PRAGMA busy_timeout = \(unsafeRaw: String(max(1, milliseconds)))").run()
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

/// The writers of one SQLite file in this process, one at a time, in arrival order.
actor SQLiteWriterQueue {
    private static let queues = NIOLockedValueBox<[String: SQLiteWriterQueue]>([:])

    /// The queue of the file `database` writes to (the driver keeps its configuration to itself, hence `Mirror`).
    static func queue(for database: any Database) -> SQLiteWriterQueue {
        let configuration = Mirror(reflecting: database.context.configuration).children
            .first { $0.label == "configuration" }?.value as? SQLiteConfiguration
        let key: String
        switch configuration?.storage {
        case .file(let path)?: key = path
        case .memory(let identifier)?: key = "memory:" + identifier
        case nil: key = ""
        }
        return queue(key: key)
    }

    /// The queue of the SQLite file at `path`.
    static func queue(path: String) -> SQLiteWriterQueue { queue(key: path) }

    private static func queue(key: String) -> SQLiteWriterQueue {
        queues.withLockedValue { queues in
            if let queue = queues[key] { return queue }
            let queue = SQLiteWriterQueue()
            queues[key] = queue
            return queue
        }
    }

    /// The database whose connections this file's write transactions use, on a given event loop (see `useWriters`).
    private let writers = NIOLockedValueBox<(owner: ObjectIdentifier, database: @Sendable (any EventLoop) -> (any Database)?)?>(nil)

    /// Makes this file's write transactions run on `database`'s connections (a database id of their own, so that
    /// the connection an event loop reads on is never held by a write); `owner` names the application, which
    /// calls `stopUsingWriters` when it shuts down.
    nonisolated func useWriters(owner: ObjectIdentifier, _ database: @escaping @Sendable (any EventLoop) -> (any Database)?) {
        writers.withLockedValue { $0 = (owner, database) }
    }

    nonisolated func stopUsingWriters(owner: ObjectIdentifier) {
        writers.withLockedValue { if $0?.owner == owner { $0 = nil } }
    }

    /// The writers' database on `eventLoop`; `nil` when none is set (the caller's own connection writes).
    nonisolated func writer(on eventLoop: any EventLoop) -> (any Database)? {
        writers.withLockedValue { $0 }?.database(eventLoop)
    }

    /// Set while a task holds its turn, so that a nested write transaction does not wait for itself.
    @TaskLocal static var isWriting = false
    /// The longest a writer waits for its turn while the writers ahead of it make progress.
    static let longestWait = Duration.seconds(30)
    /// A writer that got no turn: the writer ahead of it found the file locked by another process beyond the busy
    /// timeout, or the queue did not move for `longestWait`.
    struct TurnTimeout: Error {}

    private var busy = false
    private var waiting: [(id: Int, continuation: CheckedContinuation<Bool, Never>)] = []
    private var nextID = 0

    /// Waits for this writer's turn; `false` when `deadline` passed first (the writer then has no turn).
    func enter(until deadline: ContinuousClock.Instant) async -> Bool {
        guard busy else {
            busy = true
            return true
        }
        let id = nextID
        nextID += 1
        Task { [weak self] in
            try? await Task.sleep(until: deadline, clock: .continuous)
            await self?.expire(id)
        }
        return await withCheckedContinuation { waiting.append((id, $0)) }
    }

    private func expire(_ id: Int) {
        guard let index = waiting.firstIndex(where: { $0.id == id }) else { return }
        waiting.remove(at: index).continuation.resume(returning: false)
    }

    /// Writers holding their turn (0 or 1) and waiting for it, for `/metrics`.
    var counts: (writing: Int, waiting: Int) { (busy ? 1 : 0, waiting.count) }

    /// Ends the current writer's turn and gives the next writer its own; `lockedOut`: the writer found the file
    /// locked by another process beyond the busy timeout, so every waiting writer fails now instead.
    func leave(lockedOut: Bool) {
        if lockedOut {
            for waiter in waiting { waiter.continuation.resume(returning: false) }
            waiting.removeAll()
        }
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().continuation.resume(returning: true)
        }
    }
}

extension DatabaseID {
    /// An SQLite file's connections for write transactions, beside the default id's connections, which then only
    /// read: WAL lets those read while a write commits (`Database.writeTransaction`).
    static let sqliteWriter = DatabaseID(string: "sqlite-writer")
}
