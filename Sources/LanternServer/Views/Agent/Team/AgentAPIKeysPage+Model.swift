import Foundation

/// `/agent/api-key`: the signed-in agent's API keys, the form that creates one and, in the answer to that form
/// only, the new key in clear.
struct AgentAPIKeysPage: Sendable {
    /// One key of the list (never the key itself: only its digest is stored).
    struct Key: Sendable {
        let id: Int
        let name: String
        let createdAt: Date?
    }

    let keys: [Key]
    let csrf: String
    /// The key just created, shown once.
    var newKey: String? = nil
    var flash: String? = nil
}
