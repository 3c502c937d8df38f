import Fluent
import LanternCore
import NIOConcurrencyHelpers
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
    /// The client address's limit applies first; then each account's agent with that address has its own limit,
    /// and an agent whose limit is used up is not checked (the answer is 429 unless the password is right for another
    /// of them). A password that is wrong for an agent
    /// counts against that agent's key even when it is right for the same address in another account, and a
    /// success clears only the signed-in agent's key. An unknown address checks a dummy hash of the configured
    /// `cost`, so the answer takes as long as for a known one.
    static func signIn(email: String, password: String, accountID: Int?, clientAddress: String,
                       passwords: AsyncPasswordHasher, cost: Int, on db: any Database) async throws -> Outcome {
        let addressKey = LoginThrottle.addressKey(clientAddress)
        if let wait = try await LoginThrottle.retryAfter(key: addressKey, limit: LoginThrottle.maximumFailuresPerAddress, on: db) {
            return .throttled(retryAfter: wait)
        }
        var candidates: [Agent] = []
        if let address = EmailAddress(email), !password.isEmpty, password.utf8.count <= 1024 {
            candidates = try await Agent.query(on: db).filter(\.$email == address.value).sort(\.$accountID).limit(20).all()
        }
        let unknownKey = LoginThrottle.agentKey(email, accountID: nil)
        var open: [Agent] = []
        var waits: [Int] = []
        for key in candidates.isEmpty ? [unknownKey] : candidates.map({ LoginThrottle.agentKey(email, accountID: $0.accountID) }) {
            if let wait = try await LoginThrottle.retryAfter(key: key, limit: LoginThrottle.maximumFailuresPerAgent, on: db) {
                waits.append(wait)
            } else if let agent = candidates.first(where: { LoginThrottle.agentKey(email, accountID: $0.accountID) == key }) {
                open.append(agent)
            }
        }
        if let wait = waits.min(), open.isEmpty { return .throttled(retryAfter: wait) }

        var matches: [Agent] = []
        var failedKeys: [String] = []
        for agent in open {
            if await verify(password, agent.passwordHash, passwords) {
                matches.append(agent)
            } else {
                failedKeys.append(LoginThrottle.agentKey(email, accountID: agent.accountID))
            }
        }
        if candidates.isEmpty {
            _ = await verify(password, dummyHash(cost: cost), passwords)
            failedKeys.append(unknownKey)
        }
        guard !matches.isEmpty else {
            try await LoginThrottle.recordFailure(keys: failedKeys + [addressKey], on: db)
            // An agent of the address is locked out: say so, rather than that the password is wrong.
            if let wait = waits.min() { return .throttled(retryAfter: wait) }
            return .refused
        }
        try await LoginThrottle.recordFailure(keys: failedKeys, on: db)
        var chosen: Agent? = matches.count == 1 ? matches[0] : nil
        if let accountID {
            chosen = matches.first { $0.accountID == accountID }
        }
        guard let agent = chosen else {
            let accounts = try await Account.query(on: db).filter(\.$id ~~ matches.map(\.accountID)).sort(\.$id).all()
            return .chooseAccount(accounts.compactMap { account in account.id.map { AccountChoice(id: $0, name: account.name) } })
        }
        try await LoginThrottle.recordSuccess(key: LoginThrottle.agentKey(email, accountID: agent.accountID), on: db)
        return .signedIn(sessionToken: try await PortalSessionService.openAgentSession(for: agent, on: db))
    }

    private static func verify(_ password: String, _ hash: String, _ passwords: AsyncPasswordHasher) async -> Bool {
        (try? await passwords.verify(password, created: hash)) ?? false
    }

    /// The hash checked when no agent has the address, at `cost` (made once per cost, on first use).
    static func dummyHash(cost: Int) -> String {
        dummyHashes.withLockedValue { hashes in
            if let hash = hashes[cost] { return hash }
            let hash = (try? Bcrypt.hash("lantern-no-such-agent", cost: cost)) ?? ""
            hashes[cost] = hash
            return hash
        }
    }

    private static let dummyHashes = NIOLockedValueBox<[Int: String]>([:])
}
