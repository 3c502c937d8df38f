import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import LanternServer

@Suite("Migrations")
struct MigrationTests {
    /// A brand-new empty database: a new SQLite file, or a new PostgreSQL database beside the test database.
    func withEmptyDatabase(_ body: (DatabaseLocation) async throws -> Void) async throws {
        guard let baseURL = TestDatabase.postgresURL else {
            let location = DatabaseLocation.sqlite(path: TestDatabase.temporarySQLitePath())
            defer { TestDatabase.removeSQLiteFiles(location) }
            try await body(location)
            return
        }
        let name = "lantern_migration_\(UUID().uuidString.prefix(8).lowercased())"
        try await withLantern(migrate: false) { admin in
            try await admin.db.sql.raw("CREATE DATABASE \(unsafeRaw: name)").run()
        }
        var components = URLComponents(string: baseURL)!
        components.path = "/" + name
        do {
            try await body(.postgres(url: components.string!))
        } catch {
            try? await dropDatabase(name)
            throw error
        }
        try await dropDatabase(name)
    }

    private func dropDatabase(_ name: String) async throws {
        try await withLantern(migrate: false) { admin in
            try await admin.db.sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name)").run()
        }
    }

    func tables(_ app: Application) async throws -> Set<String> {
        let query: SQLQueryString = app.db.isSQLite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'"
        return Set(try await app.db.sql.raw(query).all().map { try $0.decode(column: "name", as: String.self) })
    }

    func appliedMigrations(_ app: Application) async throws -> [String] {
        try await app.db.sql.raw("SELECT name FROM _fluent_migrations ORDER BY name").all()
            .map { try $0.decode(column: "name", as: String.self) }
    }

    @Test("A fresh database migrates to the whole data model, and migrating twice is a no-op")
    func freshAndTwice() async throws {
        try await withEmptyDatabase { location in
            var firstTables: Set<String> = []
            var firstMigrations: [String] = []
            try await withLantern(location: location, migrate: false) { app in
                #expect(try await tables(app).isEmpty)
                try await LanternServer.migrate(app)
                firstTables = try await tables(app)
                firstMigrations = try await appliedMigrations(app)
            }
            let expected: Set<String> = [
                "accounts", "agents", "api_keys", "companies", "contacts", "company_memberships",
                "solution_categories", "solution_folders", "folder_companies", "articles", "article_translations",
                "article_votes", "widgets", "widget_categories", "tickets", "widget_session_revocations", "_fluent_migrations",
            ]
            #expect(expected.isSubset(of: firstTables))
            #expect(firstMigrations.count == LanternMigrations.all.count)

            try await withLantern(location: location, migrate: false) { app in
                try await LanternServer.migrate(app)
                #expect(try await tables(app) == firstTables)
                #expect(try await appliedMigrations(app) == firstMigrations)
            }
        }
    }

    @Test("v7 turns existing tickets into open, medium, feedback-widget tickets updated when they were created")
    func ticketsMigrateToTheSupportLoop() async throws {
        try await withEmptyDatabase { location in
            try await withLantern(location: location, migrate: false) { app in
                // The v6 schema (every migration before v7), with a ticket written as v6 wrote it. Reverting v7
                // instead would not do: SQLite keeps columns that Fluent is asked to drop.
                let v7 = try #require(LanternMigrations.all.firstIndex { $0 is CreateConversations })
                for migration in LanternMigrations.all[..<v7] { try await migration.prepare(on: app.db).get() }
                // An account as v6 stored it: today's models may have columns the v6 schema lacks.
                let created = Date(timeIntervalSince1970: 1_780_000_000)
                let accountID = try #require(try await app.db.sql.raw("""
                    INSERT INTO accounts (name, default_language, supported_languages, shared_secret, secret_reset_at)
                    VALUES ('Old', 'en', \(bind: ["en"]), 'secret', \(bind: created)) RETURNING id
                    """).first()).decode(column: "id", as: Int.self)
                try await app.db.sql.raw("""
                    INSERT INTO tickets (account_id, widget_id, name, email, subject, description, verified, created_at)
                    VALUES (\(bind: accountID), NULL, 'Old', 'old@example.com', 'Old ticket',
                            'From before', \(bind: false), \(bind: created))
                    """).run()
                try await CreateConversations().prepare(on: app.db)
                let ticket = try #require(try await Ticket.query(on: app.db).filter(\.$accountID == accountID).first())
                #expect(ticket.status == 2)
                #expect(ticket.priority == 2)
                #expect(ticket.source == 9)
                #expect(ticket.type == nil)
                #expect(ticket.responderID == nil)
                #expect(ticket.tags == [])
                #expect(ticket.updatedAt == created)
                #expect(try await TicketConversation.query(on: app.db).count() == 0)
            }
        }
    }

    @Test("Server processes starting together against one PostgreSQL database migrate it once, in turn")
    func concurrentMigrations() async throws {
        guard TestDatabase.isPostgres else { return }  // SQLite lives on one machine, with one process migrating.
        try await withEmptyDatabase { location in
            guard case .postgres(let url) = location else { return }
            let outputs = try await withThrowingTaskGroup(of: LanternBinary.Output.self) { group in
                for _ in 0..<3 { group.addTask { try LanternBinary.run(["migrate"], database: url) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for output in outputs { #expect(output.status == 0, "\(output.stderr)") }
            try await withLantern(location: location, migrate: false) { app in
                let applied = try await appliedMigrations(app)
                #expect(applied.count == LanternMigrations.all.count)
            }
        }
    }

    @Test("SQLite databases run in WAL mode")
    func walMode() async throws {
        try await withLantern { app in
            guard app.db.isSQLite else { return }
            let mode = try await app.db.sql.raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self)
            #expect(mode == "wal")
        }
    }

    @Test("Every migration reverts cleanly, leaving no table behind")
    func revert() async throws {
        try await withEmptyDatabase { location in
            try await withLantern(location: location, migrate: false) { app in
                try await LanternServer.migrate(app)
                try await app.autoRevert()
                #expect(try await tables(app) == ["_fluent_migrations"])
            }
        }
    }
}
