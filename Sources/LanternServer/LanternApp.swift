import Fluent
import Foundation
import Vapor

/// The operations behind the `lantern` command line, each on a fully configured application.
public enum LanternApp {
    /// Runs `body` on a configured (not yet migrated) application and shuts it down afterwards, also on error.
    public static func withApplication<T: Sendable>(
        settings: LanternSettings,
        arguments: [String] = ["lantern"],
        _ body: @Sendable (Application) async throws -> T
    ) async throws -> T {
        let environment = Environment(name: "production", arguments: arguments)
        let app = try await Application.make(environment)
        do {
            try configure(app, settings: settings)
            let result = try await body(app)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    /// `lantern migrate`.
    public static func migrate(settings: LanternSettings) async throws {
        try await withApplication(settings: settings) { app in
            try await LanternServer.migrate(app)
        }
    }

    /// `lantern setup`: migrates, then provisions an account.
    public static func setup(settings: LanternSettings, request: AccountProvisioner.Request) async throws -> AccountProvisioner.Result {
        _ = try AccountProvisioner.validate(request)
        return try await withApplication(settings: settings) { app in
            try await LanternServer.migrate(app)
            return try await AccountProvisioner.provision(request, on: app)
        }
    }

    /// An account's shared secret and when it was last set, as `lantern secret show|reset` print it.
    public struct SharedSecret: Codable, Sendable {
        public let sharedSecret: String
        public let resetAt: String

        enum CodingKeys: String, CodingKey {
            case sharedSecret = "shared_secret"
            case resetAt = "reset_at"
        }
    }

    /// `lantern secret show`; `nil` when there is no such account.
    public static func showSecret(settings: LanternSettings, accountID: Int) async throws -> SharedSecret? {
        try await withApplication(settings: settings) { app in
            try await LanternServer.migrate(app)
            return try await SharedSecretService.show(accountID: accountID, on: app.db).map(SharedSecret.init)
        }
    }

    /// `lantern secret reset`: a new secret; every widget session of the account ends.
    public static func resetSecret(settings: LanternSettings, accountID: Int) async throws -> SharedSecret? {
        try await withApplication(settings: settings) { app in
            try await LanternServer.migrate(app)
            return try await SharedSecretService.reset(accountID: accountID, on: app.db).map(SharedSecret.init)
        }
    }

    /// `lantern serve`: migrates, seeds the demo when asked, then serves until SIGINT / SIGTERM.
    public static func serve(settings: LanternSettings, hostname: String, port: Int) async throws {
        let arguments = ["lantern", "serve", "--hostname", hostname, "--port", String(port)]
        try await withApplication(settings: settings, arguments: arguments) { app in
            try await LanternServer.migrate(app)
            if settings.demo {
                let summary = try await DemoSeeder.seedIfNeeded(on: app)
                printDemoBanner(summary, hostname: hostname, port: port)
            }
            app.lifecycle.use(WebhookDispatcher.Runner())
            app.lifecycle.use(AnalyticsRunner())
            let listening = hostname == "0.0.0.0" || hostname == "::" ? "localhost" : hostname
            app.lifecycle.use(MailDispatcher.Runner(publicURL: "http://\(listening):\(port)"))
            app.lifecycle.use(ArticleScheduler.Runner())
            try await app.execute()
            await stopServing(app)
        }
    }

    /// How long stopping waits for requests still being answered after their connections closed.
    static let drainLimit = Duration.seconds(30)

    /// After SIGTERM / SIGINT: stops accepting connections and lets the open ones finish their requests (up to the
    /// server's shutdown timeout), then waits for requests whose clients went away (up to `drainLimit`), before the
    /// databases and everything else shut down.
    static func stopServing(_ app: Application) async {
        await app.server.shutdown()
        if await !app.requestsInFlight.drained(within: drainLimit) {
            app.logger.warning("Stopping with \(app.requestsInFlight.current) requests still being answered")
        }
    }

    private static func printDemoBanner(_ summary: DemoSeeder.Summary, hostname: String, port: Int) {
        let host = hostname == "0.0.0.0" ? "localhost" : hostname
        let base = "http://\(host):\(port)"
        var lines = [
            "",
            summary.created ? "Lantern demo content seeded (account \(summary.accountID))." : "Lantern demo account \(summary.accountID) is ready.",
            "  The customer's website, with the help widget:  \(base)/demo",
            "  Agent portal:  \(base)/agent  (\(DemoSeeder.agentEmail) / \(DemoSeeder.agentPassword))",
            "  Help center:   \(base)/support",
            "  Health:        \(base)/healthz",
            "  Widget id:     \(summary.widgetID)",
        ]
        if let apiKey = summary.apiKey {
            lines.append("  Admin API key: \(apiKey)  (shown once; it is stored hashed)")
        }
        lines.append("")
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}

extension LanternApp.SharedSecret {
    init(_ secret: SharedSecretService.Secret) {
        self.init(sharedSecret: secret.sharedSecret, resetAt: secret.resetAt.formatted(.iso8601))
    }
}
