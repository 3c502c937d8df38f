import Fluent

/// A company allowed to see a selected-companies folder.
final class FolderCompany: Model, @unchecked Sendable {
    static let schema = "folder_companies"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    @Field(key: "folder_id") var folderID: Int
    @Field(key: "company_id") var companyID: Int

    init() {}

    init(accountID: Int, folderID: Int, companyID: Int) {
        self.accountID = accountID
        self.folderID = folderID
        self.companyID = companyID
    }
}
