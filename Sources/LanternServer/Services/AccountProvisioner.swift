import Fluent
import Foundation
import LanternCore
import Vapor

/// Creates a tenant with everything it needs to start: admin agent, admin API key, default widget, shared secret.
public enum AccountProvisioner {
    /// What `lantern setup` asks for.
    public struct Request: Sendable {
        public var accountName: String
        public var adminEmail: String
        public var adminPassword: String
        public var adminName: String?
        public var defaultLanguage: String
        public var supportedLanguages: [String]

        public init(accountName: String, adminEmail: String, adminPassword: String, adminName: String? = nil,
                    defaultLanguage: String = "en", supportedLanguages: [String] = AccountProvisioner.commonLanguages) {
            self.accountName = accountName
            self.adminEmail = adminEmail
            self.adminPassword = adminPassword
            self.adminName = adminName
            self.defaultLanguage = defaultLanguage
            self.supportedLanguages = supportedLanguages
        }
    }

    /// What `lantern setup --json` prints. The API key and shared secret appear here in clear, and nowhere else.
    public struct Result: Codable, Sendable {
        public let accountID: Int
        public let widgetID: Int
        public let apiKey: String
        public let sharedSecret: String
        public let adminEmail: String

        enum CodingKeys: String, CodingKey {
            case accountID = "account_id"
            case widgetID = "widget_id"
            case apiKey = "api_key"
            case sharedSecret = "shared_secret"
            case adminEmail = "admin_email"
        }
    }

    /// A rejected argument, named so the caller can point at it.
    public struct InvalidArgument: Error, CustomStringConvertible {
        public let argument: String
        public let problem: String
        public var description: String { "\(argument) \(problem)" }
    }

    /// The languages a new account accepts content in unless told otherwise.
    public static let commonLanguages = [
        "en", "fr", "de", "es", "it", "nl", "pt", "pt-BR", "sv", "da", "nb", "fi", "pl", "cs", "hu", "ro",
        "ru", "uk", "tr", "el", "he", "ar", "ja", "ko", "zh-CN", "zh-TW", "id", "vi", "th",
    ]

    static let minimumPasswordLength = 8

    /// Checks the request without touching the database.
    static func validate(_ request: Request) throws -> (name: String, email: EmailAddress, languages: [String], defaultLanguage: String) {
        let name = request.accountName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 255 else {
            throw InvalidArgument(argument: "--account", problem: "must be a name of 1 to 255 characters")
        }
        guard let email = EmailAddress(request.adminEmail) else {
            throw InvalidArgument(argument: "--admin-email", problem: "must be a valid e-mail address")
        }
        guard request.adminPassword.count >= minimumPasswordLength, request.adminPassword.utf8.count <= 72 else {
            throw InvalidArgument(argument: "--admin-password",
                                  problem: "must be \(minimumPasswordLength) to 72 characters long")
        }
        var languages: [String] = []
        for raw in request.supportedLanguages {
            guard let code = LanguageCode(raw) else {
                throw InvalidArgument(argument: "--languages", problem: "contains \"\(raw)\", which is not a language code")
            }
            if !languages.contains(code.value) { languages.append(code.value) }
        }
        guard let defaultCode = LanguageCode(request.defaultLanguage) else {
            throw InvalidArgument(argument: "--default-language", problem: "must be a language code such as en")
        }
        if !languages.contains(defaultCode.value) { languages.insert(defaultCode.value, at: 0) }
        return (name, email, languages, defaultCode.value)
    }

    /// Creates the account and its admin, API key and default widget in one transaction.
    public static func provision(_ request: Request, on app: Application) async throws -> Result {
        let checked = try validate(request)
        let cost = app.lantern.bcryptCost
        let password = request.adminPassword
        let passwordHash = try await app.threadPool.runIfActive { try Bcrypt.hash(password, cost: cost) }
        let apiKey = SecretGenerator.apiKey()
        let sharedSecret = SecretGenerator.sharedSecret()
        let adminName = request.adminName ?? String(checked.email.value.prefix { $0 != "@" })

        return try await app.db.writeTransaction { db in
            let account = Account(
                name: checked.name, defaultLanguage: checked.defaultLanguage,
                supportedLanguages: checked.languages, sharedSecret: sharedSecret, secretResetAt: Date()
            )
            try await account.create(on: db)
            let accountID = try account.requireID()

            let admin = Agent(accountID: accountID, name: adminName, email: checked.email.value,
                              passwordHash: passwordHash, role: .admin)
            try await admin.create(on: db)

            try await APIKey(accountID: accountID, agentID: admin.id, name: "Admin API key", role: .agent,
                             keyDigest: APIKeyDigest.of(apiKey)).create(on: db)

            let widget = Widget(accountID: accountID, name: "\(checked.name) help widget",
                                defaultLanguage: checked.defaultLanguage)
            try await widget.create(on: db)

            return Result(accountID: accountID, widgetID: try widget.requireID(), apiKey: apiKey,
                          sharedSecret: sharedSecret, adminEmail: checked.email.value)
        }
    }
}
