import ArgumentParser
import Foundation
import LanternServer

/// `lantern mail test|receive|key`.
struct MailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail",
        abstract: "Send a test message, take a received message from an MTA, or make a key for posting mail.",
        subcommands: [Test.self, Receive.self, Key.self]
    )

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send one message through LANTERN_SMTP_URL and report each SMTP step; exits 1 when it is not sent."
        )

        @Option(help: "The address to send the test message to.") var to: String

        func run() async throws {
            let settings = try environmentSettings()
            do {
                try await LanternApp.sendTestMail(settings: settings, to: to) { line in print(line) }
            } catch let error as LanternApp.MailTestError {
                FileHandle.standardError.write(Data("lantern: \(error.message)\n".utf8))
                throw ExitCode.failure
            }
        }
    }

    struct Receive: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read one raw message (RFC 5322) on standard input and store it (for an MTA's pipe transport).",
            discussion: "Exit codes: 0 stored (or nothing to store: a bounce, an auto-reply, a message seen before); 65 (EX_DATAERR) a message Lantern will never take, which the MTA bounces; 75 (EX_TEMPFAIL) the database is out of reach, or the sender is over the limit: the MTA tries again later."
        )

        @Option(help: "The envelope recipient (Postfix: ${recipient}); else the message's Delivered-To, X-Original-To, To and Cc say.")
        var recipient: String?

        func run() async throws {
            let settings = try environmentSettings()
            var raw: [UInt8] = []
            while let chunk = try FileHandle.standardInput.read(upToCount: 1 << 20), !chunk.isEmpty {
                raw += chunk
                if raw.count > LanternApp.maximumMailBytes { break }
            }
            let (exit, line) = await LanternApp.receiveMail(settings: settings, raw: raw, recipient: recipient)
            FileHandle.standardError.write(Data("lantern mail receive: \(line)\n".utf8))
            if exit != .stored { throw ExitCode(exit.rawValue) }
        }
    }

    struct Key: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API key that may only post received mail (POST /api/v2/mail/inbound); it is shown once."
        )

        @Option(help: "The account id.") var account: Int
        @Option(help: "A name for the key.") var name = "Inbound mail"

        func run() async throws {
            guard let key = try await LanternApp.createMailKey(settings: environmentSettings(), accountID: account, name: name) else {
                throw UsageError(message: "--account \(account): no account has this id.")
            }
            print(key)
        }
    }
}
