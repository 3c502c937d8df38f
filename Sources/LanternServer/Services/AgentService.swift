import Fluent
import Vapor

/// The account's agents, as admins manage them in the agent portal: add one, change a role, remove one.
enum AgentService {
    /// A new agent as the form sends it.
    struct NewAgent: Sendable {
        var name: String?
        var email: String?
        var password: String?
        var role: String?
    }

    static let maximumPasswordBytes = 72

    /// The account's agents by name.
    static func all(accountID: Int, on db: any Database) async throws -> [Agent] {
        try await Agent.query(on: db).filter(\.$accountID == accountID).sort(\.$name).sort(\.$id).all()
    }

    /// Agents' names by id, from `agents`.
    static func names(_ agents: [Agent]) -> [Int: String] {
        Dictionary(agents.compactMap { agent in agent.id.map { ($0, agent.name) } }, uniquingKeysWith: { first, _ in first })
    }

    /// The account's agents' names by id.
    static func names(accountID: Int, on db: any Database) async throws -> [Int: String] {
        names(try await all(accountID: accountID, on: db))
    }

    /// The agent of this id in the account, if any.
    static func find(_ id: Int, accountID: Int, on db: any Database) async throws -> Agent? {
        try await Agent.find(id, inAccount: accountID, on: db)
    }

    /// Adds the agent with the password hashed by `hasher`, or throws 422 `validation_failed` (name, a valid
    /// e-mail address that is not already an agent's, a password of 8 to 72 characters, role agent or admin).
    static func create(_ new: NewAgent, accountID: Int, hasher: AsyncPasswordHasher, on db: any Database) async throws -> Agent {
        var errors = FieldErrors()
        let name = errors.text(new.name, "name", required: true)
        let email = ContactService.email(new.email, required: true, &errors)
        let password = new.password ?? ""
        if password.count < AccountProvisioner.minimumPasswordLength || password.utf8.count > maximumPasswordBytes {
            errors.add("password", "must be \(AccountProvisioner.minimumPasswordLength) to \(maximumPasswordBytes) characters long")
        }
        let role = Agent.Role(rawValue: new.role ?? "")
        if role == nil { errors.add("role", "must be agent or admin") }
        if let email, try await Agent.query(on: db).filter(\.$accountID == accountID).filter(\.$email == email).count() > 0 {
            errors.add("email", "is already an agent of this account")
        }
        try errors.throwIfAny()
        let agent = Agent(accountID: accountID, name: name!, email: email!, passwordHash: try await hasher.hash(password), role: role!)
        do {
            try await agent.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw AppError.validation(["email": "is already an agent of this account"])
        }
        return agent
    }

    /// Makes the agent an `agent` or an `admin`.
    static func changeRole(of agent: Agent, to role: Agent.Role, on db: any Database) async throws {
        agent.role = role
        try await agent.save(on: db)
    }

    /// Removes the agent; their sessions and API keys go with them (foreign keys cascade).
    static func delete(_ agent: Agent, on db: any Database) async throws {
        try await agent.delete(on: db)
    }
}
