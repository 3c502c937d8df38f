import Fluent
import Foundation
import LanternCore

/// Throttles agent sign-in. Failures are counted under two kinds of key: an agent's (the account and the e-mail
/// address, so that one tenant's sign-ins never touch another's count) and the client address's. After
/// `maximumFailuresPerAgent` failures under one agent key, or `maximumFailuresPerAddress` under one client
/// address, within `window`, that key refuses further attempts until its oldest counted failure leaves the window.
/// Failures live in the database, so every process counts them.
enum LoginThrottle {
    static let window: TimeInterval = 15 * 60
    static let maximumFailuresPerAgent = 5
    static let maximumFailuresPerAddress = 20

    /// The key of the agent with `email` in `accountID`; `nil` for an address that is no account's agent, which is
    /// throttled alike so that a 429 does not tell whether the address exists.
    static func agentKey(_ email: String, accountID: Int?) -> String {
        let address = (EmailAddress.normalized(email) ?? email.trimmingCharacters(in: .whitespacesAndNewlines)).prefix(254)
        return "agent:\(accountID.map(String.init) ?? "-"):\(address)"
    }

    static func addressKey(_ address: String) -> String { "ip:" + address.prefix(64) }

    /// Seconds until `key` allows another attempt, or `nil` when it allows one now.
    static func retryAfter(key: String, limit: Int, on db: any Database, now: Date = Date()) async throws -> Int? {
        let recent = try await LoginAttempt.query(on: db).filter(\.$key == key)
            .filter(\.$attemptedAt > now.addingTimeInterval(-window))
            .sort(\.$attemptedAt, .descending).limit(limit).all()
        guard recent.count >= limit, let oldest = recent.last else { return nil }
        let wait = oldest.attemptedAt.addingTimeInterval(window).timeIntervalSince(now)
        return wait > 0 ? max(1, Int(wait.rounded(.up))) : nil
    }

    /// Counts one failure under each of `keys`, and forgets failures that left the window.
    static func recordFailure(keys: [String], on db: any Database, now: Date = Date()) async throws {
        guard !keys.isEmpty else { return }
        try await db.writeTransaction { db in
            for key in keys { try await LoginAttempt(key: key, attemptedAt: now).create(on: db) }
            try await LoginAttempt.query(on: db).filter(\.$attemptedAt < now.addingTimeInterval(-window)).delete()
        }
    }

    /// A successful sign-in clears its own agent key, and no other.
    static func recordSuccess(key: String, on db: any Database) async throws {
        try await LoginAttempt.query(on: db).filter(\.$key == key).delete()
    }
}
