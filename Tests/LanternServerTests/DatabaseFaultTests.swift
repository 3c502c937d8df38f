import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// What clients see when the database cannot serve them: a prompt `503 database_unavailable`, never a hang.
@Suite("Database faults")
struct DatabaseFaultTests {
    @Test("An SQLite file locked by another process answers 503 within the busy timeout, on the API and the portals",
          .enabled(if: !TestDatabase.isPostgres))
    func lockedSQLiteFile() async throws {
        let path = TestDatabase.temporarySQLitePath()
        try await withLantern(location: .sqlite(path: path)) { app in
            let account = try await makeAccount(app)
            app.lantern.behindProxy = true
            let agent = PortalBrowser(app)
            let loginCSRF = try await agent.csrf(from: "/agent/login")

            // Another process takes the write lock and keeps it until told to let go.
            let locker = try SQLiteLocker(path: path)
            defer { locker.release() }
            let clock = ContinuousClock()
            let began = clock.now
            let response = try await app.postTicket(widgetID: account.widgetID, TicketTests.ticket)
            let waited = clock.now - began
            #expect(response.status == .serviceUnavailable)
            #expect(response.error?.code == "database_unavailable")
            #expect(response.headers.first(name: "Retry-After") == "1")
            // The busy timeout, then at once (the margin is for a machine busy with other tests; a hang would be far
            // past it).
            #expect(waited < .seconds(Double(sqliteBusyTimeoutMilliseconds) / 1000 + 10))

            // A portal page that must write answers an HTML 503, not a 500.
            let login = try await agent.post("/agent/login", [("csrf_token", loginCSRF), ("email", account.adminEmail), ("password", "correct horse")])
            #expect(login.status == .serviceUnavailable)
            #expect(login.headers.contentType?.subType == "html")
            #expect(login.body.string.contains("Temporarily unavailable"))

            // Reads go on meanwhile (WAL), and writes work again once the lock is released.
            #expect(try await app.testing().sendRequest(.GET, "widget/v1/widgets/\(account.widgetID)/articles").status == .ok)
            locker.release()
            #expect(try await app.postTicket(widgetID: account.widgetID, TicketTests.ticket).status == .created)
        }
    }
}

/// A separate process (Python's sqlite3 module) that holds an exclusive lock on an SQLite file until released.
final class SQLiteLocker: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private var released = false

    init(path: String) throws {
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import sqlite3, sys
            connection = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
            connection.execute("BEGIN EXCLUSIVE")
            print("locked", flush=True)
            sys.stdin.readline()
            connection.execute("ROLLBACK")
            """, path]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        guard line.hasPrefix("locked") else { throw LockError(output: line) }
    }

    struct LockError: Error { let output: String }

    func release() {
        guard !released else { return }
        released = true
        try? input.fileHandleForWriting.write(contentsOf: Data("\n".utf8))
        process.waitUntilExit()
    }
}
