import Fluent
import LanternCore

/// An agent's own API keys, as the agent portal's "My API key" page manages them. The key is shown once, when it
/// is created; only its digest is stored.
enum APIKeyService {
    static let maximumNameLength = 100

    /// The agent's keys, oldest first.
    static func keys(ofAgent agentID: Int, on db: any Database) async throws -> [APIKey] {
        try await APIKey.query(on: db).filter(\.$agentID == agentID).sort(\.$id).all()
    }

    /// Creates an agent key named `name` and returns the key in clear, or throws 422 `validation_failed`.
    static func create(name: String?, accountID: Int, agentID: Int, on db: any Database) async throws -> String {
        var errors = FieldErrors()
        let name = errors.text(name, "name", required: true, maximum: maximumNameLength)
        try errors.throwIfAny()
        let key = SecretGenerator.apiKey()
        try await APIKey(accountID: accountID, agentID: agentID, name: name!, role: .agent,
                         keyDigest: APIKeyDigest.of(key)).create(on: db)
        return key
    }

    /// Deletes the agent's key of this id (nothing when the key is someone else's).
    static func revoke(_ id: Int, agentID: Int, on db: any Database) async throws {
        try await APIKey.query(on: db).filter(\.$id == id).filter(\.$agentID == agentID).delete()
    }
}
