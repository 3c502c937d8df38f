import Fluent
import Foundation

/// A tenant: one company running its help center on this Lantern install.
final class Account: Model, @unchecked Sendable {
    static let schema = "accounts"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "name") var name: String
    @Field(key: "default_language") var defaultLanguage: String
    @Field(key: "supported_languages") var supportedLanguages: [String]
    /// The HMAC key (its UTF-8 bytes) that signs the customer's widget JWTs.
    @Field(key: "shared_secret") var sharedSecret: String
    /// When the shared secret was last set; widget sessions older than this are dead.
    @Field(key: "secret_reset_at") var secretResetAt: Date
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(name: String, defaultLanguage: String, supportedLanguages: [String], sharedSecret: String, secretResetAt: Date) {
        self.name = name
        self.defaultLanguage = defaultLanguage
        self.supportedLanguages = supportedLanguages
        self.sharedSecret = sharedSecret
        self.secretResetAt = secretResetAt
    }
}
