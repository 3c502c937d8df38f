import Foundation

/// `/agent/security/widget` (admins): the shared secret behind a reveal, when it was last set, and the way to the
/// reset.
struct AgentWidgetSecurityPage: Sendable {
    let sharedSecret: String
    let resetAt: Date
    var flash: String? = nil
}
