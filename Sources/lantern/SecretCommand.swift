import ArgumentParser
import Foundation
import LanternServer

/// `lantern secret show|reset --account ID`.
struct Secret: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show or reset an account's shared secret (the key widget JWTs are signed with).",
        subcommands: [Show.self, Reset.self]
    )

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the shared secret and when it was last reset, as JSON.")

        @Option(help: "The account id.") var account: Int

        func run() async throws {
            let secret = try await LanternApp.showSecret(settings: environmentSettings(), accountID: account)
            try printSecret(secret, account: account)
        }
    }

    struct Reset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the shared secret: every signed-in widget customer of the account is signed out at once."
        )

        @Option(help: "The account id.") var account: Int

        func run() async throws {
            let secret = try await LanternApp.resetSecret(settings: environmentSettings(), accountID: account)
            try printSecret(secret, account: account)
        }
    }
}

private func printSecret(_ secret: LanternApp.SharedSecret?, account: Int) throws {
    guard let secret else { throw UsageError(message: "--account \(account): no account has this id.") }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    print(String(decoding: try encoder.encode(secret), as: UTF8.self))
}
