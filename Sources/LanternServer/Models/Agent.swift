import Fluent
import Foundation

/// A support agent who signs in to the agent portal. Admins also manage agents and account settings.
final class Agent: Model, @unchecked Sendable {
    static let schema = "agents"

    enum Role: String, Codable, Sendable { case admin, agent }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    @Field(key: "name") var name: String
    @Field(key: "email") var email: String
    @Field(key: "password_hash") var passwordHash: String
    @Enum(key: "role") var role: Role
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(accountID: Int, name: String, email: String, passwordHash: String, role: Role) {
        self.accountID = accountID
        self.name = name
        self.email = email
        self.passwordHash = passwordHash
        self.role = role
    }
}
