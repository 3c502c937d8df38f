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
        version: LanternVersion.current,
        subcommands: [Serve.self, Migrate.self, Setup.self, Secret.self, Token.self, CopyDatabase.self, MailCommand.self, Import.self]
    )

    /// Exit code for bad arguments (argument-parser's own default is 64).
    static let usageExitCode: Int32 = 2

    static func main() async {
        do {
            bootstrapLogging(level: try LanternSettings.logLevel())
        } catch {
            FileHandle.standardError.write(Data("lantern: \(error)\n".utf8))
            Foundation.exit(usageExitCode)
        }
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

    private static func bootstrapLogging(level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler = SafeLogHandler(wrapping: StreamLogHandler.standardError(label: label))
            handler.logLevel = level
            return handler
        }
    }
}
