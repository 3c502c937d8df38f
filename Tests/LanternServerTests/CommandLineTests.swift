import Foundation
import SQLKit
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import LanternServer
import LanternCore

/// Runs the real `lantern` executable, as an operator would.
enum LanternBinary {
    static var url: URL {
        if let override = ProcessInfo.processInfo.environment["LANTERN_BINARY"] { return URL(fileURLWithPath: override) }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("lantern")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/lantern")
    }

    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Environment for the binary: this test run's database unless `database` says otherwise.
    static func environment(database: String?) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["LANTERN_BCRYPT_COST"] = "4"
        environment["LOG_LEVEL"] = "warning"
        if let database { environment["DATABASE_URL"] = database } else { environment.removeValue(forKey: "DATABASE_URL") }
        return environment
    }

    static var testDatabaseURL: String {
        TestDatabase.postgresURL ?? "sqlite:\(TestDatabase.temporarySQLitePath())"
    }

    /// Runs `body` with a database of its own holding an account made by `lantern setup`, for tests against real
    /// server processes (see `withOwnDatabase`).
    static func withAccount(_ name: String, adminEmail: String, adminPassword: String = "process-pass",
                            _ body: (_ database: String, _ account: AccountProvisioner.Result) async throws -> Void) async throws {
        try await withOwnDatabase { database in
            let setup = try await run(["setup", "--account", name, "--admin-email", adminEmail, "--admin-password", adminPassword, "--json"],
                                database: database)
            #expect(setup.status == 0, "\(setup.stderr)")
            try await body(database, try JSONDecoder().decode(AccountProvisioner.Result.self, from: Data(setup.stdout.utf8)))
        }
    }

    /// Runs `body` with an empty database of its own: a new SQLite file, or on PostgreSQL a new database on the test
    /// server (server processes run background work, such as webhook deliveries, for every account of their
    /// database, which must not reach the shared database of the in-process tests). Removed afterwards.
    static func withOwnDatabase(_ body: (_ database: String) async throws -> Void) async throws {
        var database = testDatabaseURL
        var ownPostgresDatabase: String? = nil
        if let shared = TestDatabase.postgresURL, var components = URLComponents(string: shared) {
            let databaseName = "lantern_process_" + UUID().uuidString.prefix(8).lowercased()
            try await postgresAdmin(shared, "CREATE DATABASE \(databaseName)")
            components.path = "/" + databaseName
            database = components.string ?? shared
            ownPostgresDatabase = databaseName
        }
        do {
            try await body(database)
        } catch {
            try await cleanUp(database, ownPostgresDatabase)
            throw error
        }
        try await cleanUp(database, ownPostgresDatabase)
    }

    private static func cleanUp(_ database: String, _ ownPostgresDatabase: String?) async throws {
        if case .sqlite(let path)? = try? DatabaseLocation(databaseURL: database) { TestDatabase.removeSQLiteFiles(.sqlite(path: path)) }
        if let ownPostgresDatabase, let shared = TestDatabase.postgresURL {
            try await postgresAdmin(shared, "DROP DATABASE IF EXISTS \(ownPostgresDatabase) WITH (FORCE)")
        }
    }

    /// Runs one statement that cannot run in a transaction (CREATE / DROP DATABASE) on the test server.
    private static func postgresAdmin(_ url: String, _ statement: String) async throws {
        try await withLantern(location: .postgres(url: url), migrate: false) { app in
            try await app.db.sql.raw(SQLQueryString(statement)).run()
        }
    }

    /// Runs to completion (at most `timeout` seconds), waiting on a thread of its own: a test that blocked one of the
    /// few threads that run tasks would stall every other test meanwhile (and fail those that time themselves).
    static func run(_ arguments: [String], database: String?, directory: URL? = nil, timeout: TimeInterval = 60,
                    extraEnvironment: [String: String] = [:]) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result {
                    try runBlocking(arguments, database: database, directory: directory, timeout: timeout, extraEnvironment: extraEnvironment)
                })
            }.start()
        }
    }

    private static func runBlocking(_ arguments: [String], database: String?, directory: URL?, timeout: TimeInterval,
                                    extraEnvironment: [String: String]) throws -> Output {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.environment = environment(database: database).merging(extraEnvironment) { $1 }
        if let directory { process.currentDirectoryURL = directory }
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        let outData = stdout.fileHandleForReading.readDataToEndOfFile()
        let errData = stderr.fileHandleForReading.readDataToEndOfFile()
        while process.isRunning {
            if Date() > deadline { process.terminate(); break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    static func freePort() -> Int {
        Int.random(in: 20_000...40_000)
    }
}

@Suite("Command line")
struct CommandLineTests {
    @Test("lantern setup --json prints exactly one JSON object describing the new account")
    func setupJSON() async throws {
        let database = LanternBinary.testDatabaseURL
        defer { if case .sqlite(let path)? = try? DatabaseLocation(databaseURL: database) { TestDatabase.removeSQLiteFiles(.sqlite(path: path)) } }
        let output = try await LanternBinary.run(
            ["setup", "--account", "Acme Help", "--admin-email", "root@acme.example", "--admin-password", "s3cret-pass", "--json"],
            database: database
        )
        #expect(output.status == 0, "stderr: \(output.stderr)")
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["account_id", "widget_id", "api_key", "shared_secret", "admin_email"])
        #expect(object["admin_email"] as? String == "root@acme.example")
        #expect((object["shared_secret"] as? String)?.count == 64)
        #expect(object["account_id"] is Int)
        #expect(object["widget_id"] is Int)
        #expect((object["api_key"] as? String)?.hasPrefix("lantern_") == true)

        let second = try await LanternBinary.run(
            ["setup", "--account", "Other", "--admin-email", "root@acme.example", "--admin-password", "s3cret-pass", "--json"],
            database: database
        )
        #expect(second.status == 0, "stderr: \(second.stderr)")
        let secondObject = try #require(try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])
        #expect(secondObject["account_id"] as? Int != object["account_id"] as? Int)
    }

    @Test("Bad arguments exit with code 2 and a clear message", arguments: [
        (["setup", "--admin-email", "a@b.example", "--admin-password", "password1", "--json"], "--account"),
        (["setup", "--account", "X", "--admin-email", "nope", "--admin-password", "password1", "--json"], "--admin-email"),
        (["setup", "--account", "X", "--admin-email", "a@b.example", "--admin-password", "short", "--json"], "--admin-password"),
        (["setup", "--account", "X", "--admin-email", "a@b.example", "--admin-password", "password1", "--bogus"], "--bogus"),
        (["serve", "--port", "99999"], "--port"),
        (["frobnicate"], "frobnicate"),
    ])
    func badArguments(arguments: [String], mentions: String) async throws {
        let output = try await LanternBinary.run(arguments, database: "sqlite:\(TestDatabase.temporarySQLitePath())")
        #expect(output.status == 2)
        #expect(output.stderr.contains(mentions), "stderr: \(output.stderr)")
        #expect(output.stdout.isEmpty)
    }

    @Test("A LANTERN_TICKET_RATE_LIMIT that is neither COUNT/SECONDS nor off is a usage error")
    func badTicketRateLimit() async throws {
        let output = try await LanternBinary.run(["serve", "--port", "0"], database: LanternBinary.testDatabaseURL,
                                           extraEnvironment: ["LANTERN_TICKET_RATE_LIMIT": "twenty"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("LANTERN_TICKET_RATE_LIMIT"))
    }

    @Test("A setting lantern serve cannot use stops it with exit code 2 and a message naming the variable", arguments: [
        ("LANTERN_BEHIND_PROXY", "maybe"), ("LOG_LEVEL", "verbose"), ("LANTERN_BCRYPT_COST", "abc"),
        ("LANTERN_BCRYPT_COST", "40"), ("LANTERN_SEARCH_INDEX", "elastic"), ("LANTERN_SUPPORT_WIDGET", "x"),
    ])
    func badSetting(variable: String, value: String) async throws {
        let output = try await LanternBinary.run(["serve", "--port", "0"], database: LanternBinary.testDatabaseURL,
                                           extraEnvironment: [variable: value])
        #expect(output.status == 2)
        #expect(output.stderr.contains(variable) && output.stderr.contains("\"\(value)\""), "stderr: \(output.stderr)")
        #expect(output.stdout.isEmpty)
    }

    @Test("lantern --version prints the version")
    func version() async throws {
        let output = try await LanternBinary.run(["--version"], database: nil)
        #expect(output.status == 0)
        #expect(output.stdout == LanternVersion.current + "\n")
    }

    @Test("A DATABASE_URL that names no supported database is a usage error")
    func badDatabaseURL() async throws {
        let output = try await LanternBinary.run(["migrate"], database: "mysql://localhost/lantern")
        #expect(output.status == 2)
        #expect(output.stderr.contains("DATABASE_URL"))
    }

    @Test("DATABASE_URL=sqlite:PATH puts the data in that file; unset means lantern.sqlite in the working directory")
    func sqliteSelection() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let custom = directory.appendingPathComponent("custom.sqlite").path
        let migrated = try await LanternBinary.run(["migrate"], database: "sqlite:\(custom)")
        #expect(migrated.status == 0, "stderr: \(migrated.stderr)")
        #expect(FileManager.default.fileExists(atPath: custom))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("lantern.sqlite").path))

        let defaulted = try await LanternBinary.run(["migrate"], database: nil, directory: directory)
        #expect(defaulted.status == 0, "stderr: \(defaulted.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("lantern.sqlite").path))
    }

    @Test("lantern serve migrates, serves /healthz, and stops cleanly on SIGTERM")
    func serveAndStop() async throws {
        // A database of its own: the server's webhook dispatcher would otherwise take the webhook tests' deliveries
        // on PostgreSQL's shared database, and refuse their loopback receivers.
        try await LanternBinary.withOwnDatabase { database in try await Self.serveAndStop(database: database) }
    }

    private static func serveAndStop(database: String) async throws {
        let port = LanternBinary.freePort()
        let process = Process()
        process.executableURL = LanternBinary.url
        process.arguments = ["serve", "--hostname", "127.0.0.1", "--port", String(port)]
        process.environment = LanternBinary.environment(database: database)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.interrupt() } }

        var status: (Int, [String: String])? = nil
        for _ in 0..<200 where status == nil {
            try await Task.sleep(for: .milliseconds(100))
            status = try? await Self.httpGet("http://127.0.0.1:\(port)/healthz")
        }
        let (code, body) = try #require(status)
        #expect(code == 200)
        #expect(body["status"] == "ok")
        #expect(body["database"] == (TestDatabase.isPostgres ? "postgres" : "sqlite"))

        process.terminate()
        for _ in 0..<100 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!process.isRunning)
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }

    private static func httpGet(_ url: String) async throws -> (Int, [String: String]) {
        let (data, response) = try await URLSession.shared.data(from: URL(string: url)!)
        let body = try JSONDecoder().decode([String: String].self, from: data)
        return ((response as! HTTPURLResponse).statusCode, body)
    }
}

@Suite("Command line: secrets and tokens")
struct SecretAndTokenCommandTests {
    @Test("lantern secret show prints the secret; reset replaces it; an unknown account is a usage error")
    func secretCommands() async throws {
        let database = "sqlite:\(TestDatabase.temporarySQLitePath())"
        defer { if case .sqlite(let path)? = try? DatabaseLocation(databaseURL: database) { TestDatabase.removeSQLiteFiles(.sqlite(path: path)) } }
        let setup = try await LanternBinary.run(["setup", "--account", "Secretive", "--admin-email", "a@secret.example",
                                           "--admin-password", "password1", "--json"], database: database)
        let account = try JSONDecoder().decode(AccountProvisioner.Result.self, from: Data(setup.stdout.utf8))

        let shown = try await LanternBinary.run(["secret", "show", "--account", String(account.accountID)], database: database)
        #expect(shown.status == 0)
        let shownBody = try JSONDecoder().decode([String: String].self, from: Data(shown.stdout.utf8))
        #expect(shownBody["shared_secret"] == account.sharedSecret)
        #expect(shownBody["reset_at"] != nil)

        let reset = try await LanternBinary.run(["secret", "reset", "--account", String(account.accountID)], database: database)
        #expect(reset.status == 0)
        let resetBody = try JSONDecoder().decode([String: String].self, from: Data(reset.stdout.utf8))
        #expect(resetBody["shared_secret"] != account.sharedSecret)
        let again = try await LanternBinary.run(["secret", "show", "--account", String(account.accountID)], database: database)
        #expect(try JSONDecoder().decode([String: String].self, from: Data(again.stdout.utf8)) == resetBody)

        let unknown = try await LanternBinary.run(["secret", "show", "--account", "987654"], database: database)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("987654"))
        let notANumber = try await LanternBinary.run(["secret", "reset", "--account", "abc"], database: database)
        #expect(notANumber.status == 2)
    }

    @Test("lantern token mint makes a token that inspect accepts; inspect explains rejections and exits 1")
    func tokenCommands() async throws {
        let minted = try await LanternBinary.run(["token", "mint", "--secret", "s3cr3t", "--name", "Zoë", "--email", "zoe@x.example",
                                            "--ttl", "600"], database: nil)
        #expect(minted.status == 0)
        let token = minted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let identity = try WidgetTokenPolicy.standard.verify(token, secret: "s3cr3t")
        #expect(identity.name == "Zoë")
        #expect(identity.email.value == "zoe@x.example")

        let accepted = try await LanternBinary.run(["token", "inspect", token, "--secret", "s3cr3t"], database: nil)
        #expect(accepted.status == 0)
        #expect(accepted.stdout.contains("Verdict: accepted"))
        #expect(accepted.stdout.contains("\"name\":\"Zoë\""))

        let wrongSecret = try await LanternBinary.run(["token", "inspect", token, "--secret", "other"], database: nil)
        #expect(wrongSecret.status == 1)
        #expect(wrongSecret.stdout.contains("invalid_signature"))

        let milliseconds = TokenMinter.sign(claims: ["name": .string("N"), "email": .string("n@x.example"),
                                                     "exp": .number((Date().timeIntervalSince1970 + 600).rounded() * 1000)], secret: "s")
        let tooFar = try await LanternBinary.run(["token", "inspect", milliseconds], database: nil)
        #expect(tooFar.status == 1)
        #expect(tooFar.stdout.contains("expiry_too_far"))
        #expect(tooFar.stdout.contains("milliseconds"))
        #expect(tooFar.stdout.contains("skip  signature"))
    }
}
