/// `/agent/companies/:id`: a company's form (name, domains) and its contacts.
struct AgentCompanyPage: Sendable {
    /// A contact of the company.
    struct Member: Sendable {
        let id: Int
        let name: String
        let email: String
    }

    let id: Int
    /// The company's name as stored (the title).
    let companyName: String
    let csrf: String
    let name: String
    /// The domains, one per line.
    let domains: String
    let members: [Member]
    var flash: String? = nil
    /// Problems with the form that was sent, by field.
    var errors: [String: String] = [:]
}
