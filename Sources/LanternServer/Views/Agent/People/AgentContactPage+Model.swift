/// `/agent/contacts/:id`: a contact's form (name, e-mail, preferred language, companies), filled with what is
/// stored or, after a refused post, with what was sent.
struct AgentContactPage: Sendable {
    /// A company the contact may belong to.
    struct CompanyChoice: Sendable {
        let id: Int
        let name: String
        let isMember: Bool
    }

    let id: Int
    /// The contact's name as stored (the title).
    let contactName: String
    let csrf: String
    let name: String
    let email: String
    /// The chosen language code; empty for none.
    let language: String
    /// The account's languages.
    let languages: [String]
    let companies: [CompanyChoice]
    var flash: String? = nil
    /// Problems with the form that was sent, by field.
    var errors: [String: String] = [:]
}
