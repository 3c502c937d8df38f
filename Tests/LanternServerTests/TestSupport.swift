import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LanternServer
import LanternCore

/// The database the server tests run on: PostgreSQL when `LANTERN_TEST_DATABASE_URL` names one (the test
/// command starts a throwaway server), otherwise a fresh SQLite file per test.
enum TestDatabase {
    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["LANTERN_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static var isPostgres: Bool { postgresURL != nil }

    /// A new location: the shared PostgreSQL database, or a new SQLite file.
    static func makeLocation() -> DatabaseLocation {
        if let postgresURL { return .postgres(url: postgresURL) }
        return .sqlite(path: temporarySQLitePath())
    }

    static func temporarySQLitePath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("lantern-test-\(UUID().uuidString).sqlite").path
    }

    static func removeSQLiteFiles(_ location: DatabaseLocation) {
        guard case .sqlite(let path) = location else { return }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

/// Migrates the shared PostgreSQL database once per test process; SQLite files are migrated per test.
actor MigrationGate {
    static let shared = MigrationGate()
    private var postgresMigration: Task<Void, any Error>?

    func migrate(_ app: Application) async throws {
        // A test's own SQLite file (also in the PostgreSQL run, e.g. the copy-database source) migrates by itself.
        guard TestDatabase.isPostgres, !app.db.isSQLite else {
            try await LanternServer.migrate(app)
            return
        }
        if postgresMigration == nil {
            postgresMigration = Task { try await LanternServer.migrate(app) }
        }
        try await postgresMigration!.value
    }
}

/// Runs `body` against a configured, migrated application, shutting it down afterwards.
func withLantern(
    demo: Bool = false,
    location: DatabaseLocation = TestDatabase.makeLocation(),
    migrate: Bool = true,
    ticketRateLimit: RateLimit? = nil,
    searchEngine: LanternSettings.SearchEngine = .memory,
    _ body: (Application) async throws -> Void
) async throws {
    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    defer { TestDatabase.removeSQLiteFiles(location) }
    do {
        var settings = LanternSettings(database: location, bcryptCost: 4, demo: demo, ticketRateLimit: ticketRateLimit,
                                       searchEngine: searchEngine)
        // Tests wait for a new index rather than get the database's answer when parallel tests slow its build.
        settings.searchIndexWait = .seconds(30)
        // The test process is shared: its resident memory says nothing about one application's search structures.
        settings.searchMemoryCountsResident = false
        try configure(app, settings: settings)
        if migrate { try await MigrationGate.shared.migrate(app) }
        try await body(app)
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}

/// A fresh tenant, made the way `lantern setup` makes one.
func makeAccount(_ app: Application, name: String = "Test Co") async throws -> AccountProvisioner.Result {
    try await AccountProvisioner.provision(
        .init(accountName: name, adminEmail: "admin-\(UUID().uuidString.prefix(8))@test.example", adminPassword: "correct horse"),
        on: app
    )
}

extension TestingHTTPResponse {
    /// The decoded body, failing the test when it does not decode.
    func json<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(buffer: body))
    }

    /// The `error` object of a Lantern error response.
    var error: ErrorBody.Detail? {
        try? JSONDecoder().decode(ErrorBody.self, from: Data(buffer: body)).error
    }
}

/// A signed-in widget session obtained over HTTP.
struct TestSession: Decodable {
    struct ContactBody: Decodable {
        let id: Int
        let name: String
        let email: String
        let language: String?
        let company_ids: [Int]
    }

    let session_token: String
    let expires_at: Int64
    let contact: ContactBody
}

extension Application {
    /// POSTs `{"token": token}` to the widget's session endpoint.
    func postSession(widgetID: Int, token: String) async throws -> TestingHTTPResponse {
        try await testing().sendRequest(.POST, "widget/v1/widgets/\(widgetID)/session", beforeRequest: { request in
            try request.content.encode(["token": token])
        })
    }

    /// Signs `email` in to the widget with a freshly minted token, failing the test if that is refused.
    func signIn(_ account: AccountProvisioner.Result, name: String = "Alice Martin", email: String = "alice@acme.example",
                lifetime: Int64 = 3600) async throws -> TestSession {
        let token = TokenMinter.mint(name: name, email: email, secret: account.sharedSecret, lifetime: lifetime)
        let response = try await postSession(widgetID: account.widgetID, token: token)
        #expect(response.status == .ok, "sign-in refused: \(response.body.string)")
        return try response.json(TestSession.self)
    }

    /// A widget request carrying the session as a bearer token.
    func withSession(_ method: HTTPMethod, _ path: String, session: String) async throws -> TestingHTTPResponse {
        try await testing().sendRequest(method, path, headers: ["Authorization": "Bearer \(session)"])
    }
}
