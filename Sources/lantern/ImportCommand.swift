import ArgumentParser
import Foundation
import LanternCore
import LanternServer

/// `lantern import freshdesk`.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bring another help desk's data into a Lantern account.",
        subcommands: [Freshdesk.self]
    )

    struct Freshdesk: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a Freshdesk account through its API v2: companies, contacts, the knowledge base with its translations and images, help widget ids.",
            discussion: """
            Run it again to bring later changes over: it updates what it imported before rather than duplicating it, and \
            completes an interrupted import. Exit codes: 0 done (the report lists what was skipped and why, and the \
            article images it could not bring over), 1 the import stopped (Freshdesk unreachable, the API key refused, \
            an error from Freshdesk, Ctrl-C), 2 bad arguments.
            """
        )

        @Option(help: "The Freshdesk account's address, such as https://acme.freshdesk.com (https; http only for a loopback host).")
        var url: String
        @Option(name: .customLong("api-key"), help: "A Freshdesk API key (an admin's, to read agents, settings and help widgets).")
        var apiKey: String
        @Option(help: "The Lantern account to import into.") var account: Int
        @Flag(name: .customLong("dry-run"), help: "Read everything and report what an import would do, writing nothing.")
        var dryRun = false

        func run() async throws {
            let source: FreshdeskSource
            do {
                source = try FreshdeskSource(url)
            } catch {
                throw UsageError(message: error.description)
            }
            guard !apiKey.trimmingCharacters(in: .whitespaces).isEmpty, !apiKey.contains(":") else {
                throw UsageError(message: "--api-key must be a Freshdesk API key (without ':X').")
            }
            let settings = try environmentSettings()
            let display = ImportProgressDisplay(terminal: isatty(STDERR_FILENO) == 1)
            let (apiKey, account, dryRun) = (apiKey, account, dryRun)
            let work = Task {
                try await LanternApp.importFreshdesk(settings: settings, source: source, apiKey: apiKey, accountID: account,
                                                     dryRun: dryRun, progress: display.show)
            }
            let interruption = InterruptionHandler { work.cancel() }
            defer { interruption.stop() }
            do {
                let report = try await work.value
                display.finish()
                print(report.text)
            } catch let error as FreshdeskImportError {
                display.finish()
                FileHandle.standardError.write(Data("lantern: \(error.description)\n".utf8))
                throw ExitCode(error.exitCode)
            }
        }
    }
}
