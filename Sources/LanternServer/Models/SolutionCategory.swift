import Fluent
import Foundation

/// The top level of the knowledge base; widgets link to categories.
final class SolutionCategory: Model, @unchecked Sendable {
    static let schema = "solution_categories"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    @Field(key: "position") var position: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(accountID: Int, name: String, description: String, position: Int) {
        self.accountID = accountID
        self.name = name
        self.description = description
        self.position = position
    }
}
