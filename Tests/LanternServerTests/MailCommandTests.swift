import Foundation
import Testing
@testable import LanternServer

/// `lantern mail receive` and `lantern mail test`, run as an MTA or an operator runs them.
@Suite("Mail commands")
struct MailCommandTests {
    /// Runs `lantern ARGUMENTS` with `input` on standard input.
    static func run(_ arguments: [String], input: String, environment: [String: String]) throws -> LanternBinary.Output {
        let process = Process()
        process.executableURL = LanternBinary.url
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return .init(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    @Test("lantern mail receive: 0 when stored (and again for the same message), 65 for a message it never takes, 75 when the database is out of reach")
    func receiveExitCodes() async throws {
        try await LanternBinary.withAccount("Mail CLI", adminEmail: "admin@mail-cli.example") { database, account in
            let environment = ["DATABASE_URL": database, "LOG_LEVEL": "warning", "LANTERN_MAIL_FROM": "Support <support@mail-cli.example>"]
            let message = "From: Kim <kim@customer.example>\r\nTo: support@mail-cli.example\r\nSubject: Printer\r\nMessage-ID: <cli-1@customer.example>\r\n\r\nIt jams.\r\n"
            let stored = try Self.run(["mail", "receive"], input: message, environment: environment)
            #expect(stored.status == 0, "\(stored.stderr)")
            #expect(stored.stderr.contains("stored as a new ticket on ticket"))
            let again = try Self.run(["mail", "receive", "--recipient", "support@mail-cli.example"], input: message, environment: environment)
            #expect(again.status == 0 && again.stderr.contains("already stored"))
            let broken = try Self.run(["mail", "receive"], input: "From: a@b.example\r\nContent-Type: multipart/mixed\r\n\r\nx", environment: environment)
            #expect(broken.status == 65 && broken.stderr.contains("refused: A multipart/mixed part has no boundary parameter."))
            let elsewhere = try Self.run(["mail", "receive"], input: message.replacingOccurrences(of: "support@mail-cli.example", with: "nobody@other.example"),
                                         environment: environment)
            #expect(elsewhere.status == 65 && elsewhere.stderr.contains("No account has these recipients"))
            let bounce = try Self.run(["mail", "receive"], input: "From: MAILER-DAEMON@x.example\r\nTo: support@mail-cli.example\r\n\r\nUser unknown\r\n",
                                      environment: environment)
            #expect(bounce.status == 0 && bounce.stderr.contains("ignored"))
            _ = account
        }
        let unreachable = try Self.run(["mail", "receive"], input: "From: a@b.example\r\n\r\nx",
                                       environment: ["DATABASE_URL": "postgres://lantern@127.0.0.1:1/nothing", "LOG_LEVEL": "critical"])
        #expect(unreachable.status == 75 && unreachable.stderr.contains("deferred"))
    }

    @Test("lantern mail test: each SMTP step reported and the message accepted; without LANTERN_SMTP_URL a clear refusal")
    func mailTest() async throws {
        let server = try await SMTPTestServer()
        defer { Task { try? await server.stop() } }
        let sent = try await LanternBinary.run(["mail", "test", "--to", "ops@example.com"], database: nil,
                                         extraEnvironment: ["LANTERN_SMTP_URL": server.url, "LANTERN_MAIL_FROM": "Lantern <lantern@example.com>"])
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stdout.contains("← 220 test.example ESMTP") && sent.stdout.contains("→ MAIL FROM:<lantern@example.com>"))
        #expect(sent.stdout.contains("→ RCPT TO:<ops@example.com>") && sent.stdout.contains("Sent: the server accepted the message"))
        #expect(server.messages.count == 1 && server.messages[0].data.contains("Subject: Lantern test message"))
        let off = try await LanternBinary.run(["mail", "test", "--to", "ops@example.com"], database: nil)
        #expect(off.status == 1 && off.stderr.contains("LANTERN_SMTP_URL and LANTERN_MAIL_FROM must be set"))
        let refused = try await LanternBinary.run(["mail", "test", "--to", "ops@example.com"], database: nil,
                                            extraEnvironment: ["LANTERN_SMTP_URL": "smtp://127.0.0.1:1?tls=off", "LANTERN_MAIL_FROM": "l@example.com"])
        #expect(refused.status == 1 && refused.stderr.contains("Not sent: connect: could not connect to 127.0.0.1:1"))
    }
}
