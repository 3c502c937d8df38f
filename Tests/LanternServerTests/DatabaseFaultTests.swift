import Foundation
import SQLiteNIO
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// What clients see when the database cannot serve them: a prompt `503 database_unavailable`, never a hang.
@Suite("Database faults")
struct DatabaseFaultTests {
    @Test("An SQLite file locked by another connection answers 503 database_unavailable within the busy timeout",
          .enabled(if: !TestDatabase.isPostgres))
    func lockedSQLiteFile() async throws {
        let path = TestDatabase.temporarySQLitePath()
        try await withLantern(location: .sqlite(path: path)) { app in
            let account = try await makeAccount(app)
            // Another process's connection takes the write lock and keeps it.
            let other = try await SQLiteConnection.open(storage: .file(path: path))
            _ = try await other.query("BEGIN EXCLUSIVE")
            let clock = ContinuousClock()
            let began = clock.now
            let response = try await app.postTicket(widgetID: account.widgetID, TicketTests.ticket)
            let waited = clock.now - began
            #expect(response.status == .serviceUnavailable)
            #expect(response.error?.code == "database_unavailable")
            #expect(response.headers.first(name: "Retry-After") == "1")
            #expect(waited < .seconds(Double(sqliteBusyTimeoutMilliseconds) / 1000 + 3))
            // Reads go on meanwhile (WAL), and writes work again once the lock is released.
            #expect(try await app.testing().sendRequest(.GET, "widget/v1/widgets/\(account.widgetID)/articles").status == .ok)
            _ = try await other.query("ROLLBACK")
            try await other.close()
            #expect(try await app.postTicket(widgetID: account.widgetID, TicketTests.ticket).status == .created)
        }
    }

}
