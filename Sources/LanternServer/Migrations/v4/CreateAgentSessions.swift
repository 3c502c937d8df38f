import Fluent
import SQLKit

/// v4: agent-portal and customer-portal sessions, and failed sign-ins for throttling.
struct CreateAgentSessions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AgentSession.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("agent_id", .int, .required, .references(Agent.schema, .id, onDelete: .cascade))
            .field("token_digest", .string, .required)
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_digest")
            .create()
        try await (database as! any SQLDatabase).create(index: "idx_agent_sessions_agent").on(AgentSession.schema).column("agent_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AgentSession.schema).delete()
    }
}
