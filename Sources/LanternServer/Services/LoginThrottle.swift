import Fluent
import Foundation
import LanternCore

/// Throttles agent sign-in: after `maximumFailuresPerEmail` failures for one e-mail address, or
/// `maximumFailuresPerAddress` from one client address, within `window`, further attempts are refused with 429
/// until the oldest counted failure leaves the window. Failures live in the database, so every process counts them.
enum LoginThrottle {
    static let window: TimeInterval = 15 * 60
    static let maximumFailuresPerEmail = 5
    static let maximumFailuresPerAddress = 20

    static func emailKey(_ email: String) -> String {
        "email:" + (EmailAddress.normalized(email) ?? email.trimmingCharacters(in: .whitespacesAndNewlines)).prefix(254)
    }
    static func addressKey(_ address: String) -> String { "ip:" + address.prefix(64) }

    /// Seconds until another attempt is allowed, or `nil` when attempts are allowed now.
    static func retryAfter(email: String, address: String, on db: any Database, now: Date = Date()) async throws -> Int? {
        var wait: TimeInterval = 0
        for (key, limit) in [(emailKey(email), maximumFailuresPerEmail), (addressKey(address), maximumFailuresPerAddress)] {
            let recent = try await LoginAttempt.query(on: db).filter(\.$key == key)
                .filter(\.$attemptedAt > now.addingTimeInterval(-window))
                .sort(\.$attemptedAt, .descending).limit(limit).all()
            guard recent.count >= limit, let oldest = recent.last else { continue }
            wait = max(wait, oldest.attemptedAt.addingTimeInterval(window).timeIntervalSince(now))
        }
        return wait > 0 ? max(1, Int(wait.rounded(.up))) : nil
    }

    static func recordFailure(email: String, address: String, on db: any Database, now: Date = Date()) async throws {
        try await db.writeTransaction { db in
            try await LoginAttempt(key: emailKey(email), attemptedAt: now).create(on: db)
            try await LoginAttempt(key: addressKey(address), attemptedAt: now).create(on: db)
            try await LoginAttempt.query(on: db).filter(\.$attemptedAt < now.addingTimeInterval(-window)).delete()
        }
    }

    /// A successful sign-in clears the address's failures for that e-mail.
    static func recordSuccess(email: String, on db: any Database) async throws {
        try await LoginAttempt.query(on: db).filter(\.$key == emailKey(email)).delete()
    }
}
