import Fluent
import Foundation
import LanternCore

/// A folder of articles inside a category; its visibility decides who may read its articles.
final class SolutionFolder: Model, @unchecked Sendable {
    static let schema = "solution_folders"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    @Field(key: "category_id") var categoryID: Int
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    @Field(key: "visibility") var visibilityCode: Int
    @Field(key: "position") var position: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(accountID: Int, categoryID: Int, name: String, description: String, visibility: FolderVisibility, position: Int) {
        self.accountID = accountID
        self.categoryID = categoryID
        self.name = name
        self.description = description
        self.visibilityCode = visibility.rawValue
        self.position = position
    }

    var visibility: FolderVisibility { FolderVisibility(rawValue: visibilityCode) ?? .agents }
}
