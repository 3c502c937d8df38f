/// `/agent/login`: the sign-in form, with the account picker when the address belongs to agents of several accounts.
struct AgentSignInPage: Sendable {
    /// An account the agent may choose.
    struct AccountOption: Sendable {
        let id: Int
        let name: String
    }

    /// The form's CSRF token (the pre-sign-in cookie's).
    let csrf: String
    /// The address typed so far.
    let email: String
    /// Where to go once signed in, carried through the form.
    let next: String?
    var accounts: [AccountOption] = []
    var notice: String? = nil
    var error: String? = nil
}
