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

struct CreateCustomerSessions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CustomerSession.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("account_id", .int, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("widget_id", .int, .required, .references(Widget.schema, .id, onDelete: .cascade))
            .field("contact_id", .int, .required, .references(Contact.schema, .id, onDelete: .cascade))
            .field("token_digest", .string, .required)
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_digest")
            .create()
        try await (database as! any SQLDatabase).create(index: "idx_customer_sessions_expiry").on(CustomerSession.schema).column("expires_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CustomerSession.schema).delete()
    }
}

struct CreateLoginAttempts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LoginAttempt.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("key", .string, .required)
            .field("attempted_at", .datetime, .required)
            .create()
        try await (database as! any SQLDatabase).create(index: "idx_login_attempts_key").on(LoginAttempt.schema)
            .column("key").column("attempted_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(LoginAttempt.schema).delete()
    }
}
