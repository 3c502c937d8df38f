/// `/agent/security/widget/reset` (admins): what resetting the shared secret does, and the form that confirms it.
struct AgentSecretResetPage: Sendable {
    let csrf: String
}
