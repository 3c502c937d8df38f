/// `/agent/agents` (admins): the account's agents with their roles, and the form that adds one (filled with what
/// was sent after a refused post).
struct AgentTeamPage: Sendable {
    /// One agent of the list.
    struct Member: Sendable {
        let id: Int
        let name: String
        let email: String
        let isAdmin: Bool
        /// The signed-in admin, who cannot change their own role or remove themselves.
        let isSelf: Bool
    }

    let members: [Member]
    let csrf: String
    var newName = ""
    var newEmail = ""
    /// `agent` or `admin`.
    var newRole = "agent"
    var flash: String? = nil
    /// Problems with the form that was sent, by field.
    var errors: [String: String] = [:]
}
