import Fluent
import Foundation

/// A customer organisation; contacts whose e-mail domain is in `domains` join it when first seen.
final class Company: Model, @unchecked Sendable {
    static let schema = "companies"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    @Field(key: "name") var name: String
    @Field(key: "domains") var domains: [String]
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(accountID: Int, name: String, domains: [String]) {
        self.accountID = accountID
        self.name = name
        self.domains = domains
    }
}
