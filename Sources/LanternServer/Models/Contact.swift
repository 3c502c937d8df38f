import Fluent
import Foundation

/// A customer of the account, identified by e-mail (unique within the account).
final class Contact: Model, @unchecked Sendable {
    static let schema = "contacts"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    @Field(key: "name") var name: String
    /// Lower-cased.
    @Field(key: "email") var email: String
    /// Preferred content language, if the contact chose one.
    @OptionalField(key: "language") var language: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(accountID: Int, name: String, email: String, language: String? = nil) {
        self.accountID = accountID
        self.name = name
        self.email = email
        self.language = language
    }
}
