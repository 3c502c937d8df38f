import Fluent
import LanternCore
import Vapor

/// Agent sign-in by e-mail address and password (bcrypt), throttled by `LoginThrottle`. An agent's address is unique
/// within an account; when one address is an agent of several accounts and the password matches more than one,
/// the caller must choose the account (whose names are told only once the password checked out).
enum AgentSignInService {
    /// An account the signing-in agent may choose.
    struct AccountChoice: Sendable, Equatable {
        let id: Int
        let name: String
    }

    enum Outcome: Sendable {
        /// Too many recent failures for the address or the client: try again after this many seconds.
        case throttled(retryAfter: Int)
        /// The address or the password is wrong (recorded as a failure).
        case refused
        /// The password is right for agents of several accounts, and none (or none of them) was chosen.
        case chooseAccount([AccountChoice])
        /// Signed in: the new session's token, for the cookie.
        case signedIn(sessionToken: String)
    }

    /// Checks `password` for the agents with address `email` (of `accountID` when given), and opens a session.
    static func signIn(email: String, password: String, accountID: Int?, clientAddress: String,
                       passwords: AsyncPasswordHasher, on db: any Database) async throws -> Outcome {
        if let wait = try await LoginThrottle.retryAfter(email: email, address: clientAddress, on: db) {
            return .throttled(retryAfter: wait)
        }
        var candidates: [Agent] = []
        if let address = EmailAddress(email), !password.isEmpty, password.utf8.count <= 1024 {
            candidates = try await Agent.query(on: db).filter(\.$email == address.value).sort(\.$accountID).limit(20).all()
        }
        var matches: [Agent] = []
        for agent in candidates where await verify(password, agent.passwordHash, passwords) { matches.append(agent) }
        if candidates.isEmpty { _ = await verify(password, dummyHash, passwords) }

        guard !matches.isEmpty else {
            try await LoginThrottle.recordFailure(email: email, address: clientAddress, on: db)
            return .refused
        }
        var chosen: Agent? = matches.count == 1 ? matches[0] : nil
        if let accountID {
            chosen = matches.first { $0.accountID == accountID }
        }
        guard let agent = chosen else {
            let accounts = try await Account.query(on: db).filter(\.$id ~~ matches.map(\.accountID)).sort(\.$id).all()
            return .chooseAccount(accounts.compactMap { account in account.id.map { AccountChoice(id: $0, name: account.name) } })
        }
        try await LoginThrottle.recordSuccess(email: email, on: db)
        return .signedIn(sessionToken: try await PortalSessionService.openAgentSession(for: agent, on: db))
    }

    private static func verify(_ password: String, _ hash: String, _ passwords: AsyncPasswordHasher) async -> Bool {
        (try? await passwords.verify(password, created: hash)) ?? false
    }

    /// Checked when no agent has the address, so the answer takes as long either way.
    private static let dummyHash = (try? Bcrypt.hash("lantern-no-such-agent", cost: 10)) ?? ""
}
