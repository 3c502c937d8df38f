import ArgumentParser
import Foundation
import LanternCore

/// `lantern token mint|inspect`: tools for integrators signing widget JWTs.
struct Token: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Mint a widget JWT, or explain why Lantern accepts or rejects one.",
        subcommands: [Mint.self, Inspect.self]
    )

    struct Mint: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print an HS256 widget token signed with a shared secret.")

        @Option(help: "The account's shared secret.") var secret: String
        @Option(help: "The user's name (claim name).") var name: String
        @Option(help: "The user's e-mail (claim email).") var email: String
        @Option(help: "Seconds until the token expires (claim exp); Lantern accepts at most 7200.") var ttl: Int64 = 3600

        func run() throws {
            print(TokenMinter.mint(name: name, email: email, secret: secret, lifetime: ttl))
        }
    }

    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decode a widget token and show the verdict of every check; exits 1 when Lantern would reject it."
        )

        @Argument(help: "The token (compact JWS).") var token: String
        @Option(help: "The shared secret to check the signature with.") var secret: String?

        func run() throws {
            let now = Date()
            let inspection = TokenInspection.inspect(token, secret: secret, now: now)
            var lines = [
                "Header:  \(inspection.header ?? "(undecodable)")",
                "Claims:  \(inspection.claims ?? "(undecodable)")",
                "Server time: \(Int64(now.timeIntervalSince1970)) (\(now.formatted(.iso8601)))",
                "Checks:",
            ]
            for check in inspection.checks {
                switch check.outcome {
                case .passed(let detail): lines.append("  ok    \(check.name): \(detail)")
                case .skipped(let reason): lines.append("  skip  \(check.name): \(reason)")
                case .failed(let rejection): lines.append("  FAIL  \(check.name): \(rejection.code.rawValue): \(rejection.message)")
                }
            }
            if let verdict = inspection.verdict {
                lines.append("Verdict: rejected with 401 \(verdict.code.rawValue)")
                print(lines.joined(separator: "\n"))
                throw ExitCode.failure
            }
            lines.append(secret == nil ? "Verdict: acceptable, apart from the signature (pass --secret to check it)" : "Verdict: accepted")
            print(lines.joined(separator: "\n"))
        }
    }
}
