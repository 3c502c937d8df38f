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

    /// Inserts an account with only the columns v1 gave accounts, as an older version would have; returns its id.
    func insertAccount(created: Date, on db: any Database) async throws -> Int {
        try #require(try await db.sql.raw("""
            INSERT INTO accounts (name, default_language, supported_languages, shared_secret, secret_reset_at)
            VALUES ('Old', 'en', \(bind: ["en"]), 'secret', \(bind: created)) RETURNING id
            """).first()).decode(column: "id", as: Int.self)
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
                // An account as v6 stored it: today's models may have columns the v6 schema lacks. The test reads
                // today's ticket: add the column v9 gave tickets, which v7 does not touch.
                try await CreateCustomTicketFields().prepare(on: app.db)
                let created = Date(timeIntervalSince1970: 1_780_000_000)
                let accountID = try await insertAccount(created: created, on: app.db)
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

    @Test("v11 gives every existing translation a first published revision, numbered per article")
    func translationsBecomeRevisions() async throws {
        try await withEmptyDatabase { location in
            try await withLantern(location: location, migrate: false) { app in
                let v11 = try #require(LanternMigrations.all.firstIndex { $0 is CreateArticleRevisions })
                for migration in LanternMigrations.all[..<v11] { try await migration.prepare(on: app.db).get() }
                // An account as v9 stored it: `makeAccount` would write today's widget, whose columns include v10's.
                let now = Date(timeIntervalSince1970: 1_790_000_000)
                let accountID = try await insertAccount(created: now, on: app.db)
                let sql = app.db.sql
                try await sql.raw("INSERT INTO solution_categories (account_id, name, description, position) VALUES (\(bind: accountID), 'C', '', 1)").run()
                let category = try #require(try await sql.raw("SELECT id FROM solution_categories").first()?.decode(column: "id", as: Int.self))
                try await sql.raw("""
                    INSERT INTO solution_folders (account_id, category_id, name, description, visibility, position)
                    VALUES (\(bind: accountID), \(bind: category), 'F', '', 1, 1)
                    """).run()
                let folder = try #require(try await sql.raw("SELECT id FROM solution_folders").first()?.decode(column: "id", as: Int.self))
                for _ in 0..<2 {
                    try await sql.raw("""
                        INSERT INTO articles (account_id, folder_id, status, primary_language, tags, thumbs_up, thumbs_down, created_at, updated_at)
                        VALUES (\(bind: accountID), \(bind: folder), 2, 'en', \(bind: [String]()), 0, 0, \(bind: now), \(bind: now))
                        """).run()
                }
                let articles = try await sql.raw("SELECT id FROM articles ORDER BY id").all().map { try $0.decode(column: "id", as: Int.self) }
                for (article, language, title) in [(articles[0], "en", "One"), (articles[0], "fr", "Un"), (articles[1], "en", "Two")] {
                    try await sql.raw("""
                        INSERT INTO article_translations (account_id, article_id, language, title, description, created_at, updated_at)
                        VALUES (\(bind: accountID), \(bind: article), \(bind: language), \(bind: title), '<p>x</p>', \(bind: now), \(bind: now))
                        """).run()
                }
                try await CreateArticleRevisions().prepare(on: app.db)
                let first = try await ArticleRevisionService.revisions(of: articles[0], on: app.db)
                #expect(first.map(\.number) == [1, 2])
                #expect(first.map(\.language) == ["en", "fr"])
                #expect(first.allSatisfy { $0.kind == .published && $0.agentID == nil && $0.createdAt == now })
                #expect(try await ArticleRevisionService.revisions(of: articles[1], on: app.db).map(\.title) == ["Two"])
                // Read with SQL: the model has columns of later migrations.
                let counts = try await sql.raw("SELECT revision_count FROM articles ORDER BY id").all().map { try $0.decode(column: "revision_count", as: Int.self) }
                #expect(counts == [2, 1])
            }
        }
    }

    @Test("Server processes starting together against one PostgreSQL database migrate it once, in turn")
    func concurrentMigrations() async throws {
        guard TestDatabase.isPostgres else { return }  // SQLite lives on one machine, with one process migrating.
        try await withEmptyDatabase { location in
            guard case .postgres(let url) = location else { return }
            let outputs = try await withThrowingTaskGroup(of: LanternBinary.Output.self) { group in
                for _ in 0..<3 { group.addTask { try await LanternBinary.run(["migrate"], database: url) } }
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
