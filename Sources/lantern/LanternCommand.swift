import ArgumentParser
import Foundation
import LanternCore
import LanternServer
import Logging

/// The `lantern` command line.
@main
struct LanternCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lantern",
        abstract: "Lantern: a self-hosted help center with an embeddable help widget.",
        subcommands: [Serve.self, Migrate.self, Setup.self, Secret.self, Token.self, CopyDatabase.self]
    )

    /// Exit code for bad arguments (argument-parser's own default is 64).
    static let usageExitCode: Int32 = 2

    static func main() async {
        bootstrapLogging()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as UsageError {
            FileHandle.standardError.write(Data("lantern: \(error.message)\n".utf8))
            Foundation.exit(usageExitCode)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(usageExitCode)
            }
            exit(withError: error)
        }
    }

    private static func bootstrapLogging() {
        let level = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = SafeLogHandler(wrapping: StreamLogHandler.standardError(label: label))
            handler.logLevel = level
            return handler
        }
    }
}

/// A bad argument or setting: reported on stderr with exit code 2.
struct UsageError: Error {
    let message: String
}

/// Reads the settings from the environment, turning a bad `DATABASE_URL` into a usage error.
func environmentSettings(demo: Bool = false) throws -> LanternSettings {
    do {
        return try LanternSettings.fromEnvironment(demo: demo)
    } catch let error as DatabaseLocation.InvalidURL {
        throw UsageError(message: error.description)
    } catch let error as RateLimitSyntaxError {
        throw UsageError(message: "LANTERN_TICKET_RATE_LIMIT: \(error.description)")
    } catch let error as LanternSettings.InvalidSearchEngine {
        throw UsageError(message: error.description)
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending migrations, then serve HTTP.")

    @Option(help: "The address to listen on.") var hostname = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8080
    @Flag(help: "Seed the demo account on first start and serve /demo.") var demo = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
    }

    func run() async throws {
        try await LanternApp.serve(settings: environmentSettings(demo: demo), hostname: hostname, port: port)
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending migrations and exit.")

    func run() async throws {
        try await LanternApp.migrate(settings: environmentSettings())
        print("Migrations are up to date.")
    }
}

struct Setup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create an account with its admin agent, admin API key, default widget and shared secret."
    )

    @Option(help: "The account (company) name.") var account: String
    @Option(name: .customLong("admin-email"), help: "The admin agent's e-mail.") var adminEmail: String
    @Option(name: .customLong("admin-password"), help: "The admin agent's password (8 to 72 characters).") var adminPassword: String
    @Option(name: .customLong("admin-name"), help: "The admin agent's display name.") var adminName: String?
    @Option(name: .customLong("default-language"), help: "The account's default content language.") var defaultLanguage = "en"
    @Option(help: "Comma-separated languages the account publishes in (default: a broad common set).") var languages: String?
    @Flag(help: "Print the result as one JSON object.") var json = false

    func run() async throws {
        var request = AccountProvisioner.Request(
            accountName: account, adminEmail: adminEmail, adminPassword: adminPassword, adminName: adminName,
            defaultLanguage: defaultLanguage
        )
        if let languages {
            request.supportedLanguages = languages.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        let result: AccountProvisioner.Result
        do {
            result = try await LanternApp.setup(settings: environmentSettings(), request: request)
        } catch let error as AccountProvisioner.InvalidArgument {
            throw UsageError(message: error.description)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(result), as: UTF8.self))
        } else {
            print("""
            Account \(result.accountID) created.
              Admin:         \(result.adminEmail)
              Widget id:     \(result.widgetID)
              API key:       \(result.apiKey)
              Shared secret: \(result.sharedSecret)
            Keep the API key and the shared secret safe: they are shown only now (the secret again with `lantern secret show`).
            """)
        }
    }
}

struct CopyDatabase: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy-database",
        abstract: "Copy every row from an SQLite file into an empty PostgreSQL database (moving an install to PostgreSQL)."
    )

    @Option(help: "The SQLite database to read, as sqlite:PATH.") var from: String
    @Option(help: "The empty PostgreSQL database to fill, as postgres://user:password@host:port/database.") var to: String

    func run() async throws {
        let source: DatabaseLocation, target: DatabaseLocation
        do {
            source = try DatabaseLocation(databaseURL: from)
            target = try DatabaseLocation(databaseURL: to)
        } catch let error as DatabaseLocation.InvalidURL {
            throw UsageError(message: error.description)
        }
        guard case .sqlite(let path) = source, FileManager.default.fileExists(atPath: path) else {
            throw UsageError(message: "--from must name an existing SQLite file, as sqlite:PATH.")
        }
        guard case .postgres(let url) = target else {
            throw UsageError(message: "--to must be a postgres:// or postgresql:// URL.")
        }
        let summary = try await DatabaseCopier.copy(fromSQLite: path, toPostgres: url, bcryptCost: environmentSettings().bcryptCost)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(summary), as: UTF8.self))
    }
}
