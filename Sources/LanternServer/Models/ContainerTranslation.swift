import Fluent
import Foundation

/// A category's or a folder's name and description in one of the account's other languages.
final class ContainerTranslation: Model, @unchecked Sendable {
    static let schema = "container_translations"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    @OptionalField(key: "category_id") var categoryID: Int?
    @OptionalField(key: "folder_id") var folderID: Int?
    @Field(key: "language") var language: String
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(accountID: Int, container: ContainerTranslationService.Container, language: String, name: String, description: String) {
        self.accountID = accountID
        switch container {
        case .category(let id): categoryID = id
        case .folder(let id): folderID = id
        }
        self.language = language
        self.name = name
        self.description = description
    }
}
