import Fluent

/// A contact's membership in a company (a contact may belong to any number of companies).
final class CompanyMembership: Model, @unchecked Sendable {
    static let schema = "company_memberships"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    @Field(key: "contact_id") var contactID: Int
    @Field(key: "company_id") var companyID: Int

    init() {}

    init(accountID: Int, contactID: Int, companyID: Int) {
        self.accountID = accountID
        self.contactID = contactID
        self.companyID = companyID
    }
}
