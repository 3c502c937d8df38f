import ArgumentParser
import Foundation
import LanternCore
import LanternServer

/// `lantern setup`.
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
