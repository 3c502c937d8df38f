import Fluent
import Foundation
import LanternCore

/// Shows and resets an account's shared secret (the key customers sign widget JWTs with).
enum SharedSecretService {
    struct Secret: Sendable {
        let sharedSecret: String
        let resetAt: Date
    }

    static func show(accountID: Int, on db: any Database) async throws -> Secret? {
        guard let account = try await Account.find(accountID, on: db) else { return nil }
        return Secret(sharedSecret: account.sharedSecret, resetAt: account.secretResetAt)
    }

    /// Replaces the secret. Every widget session of the account dies at once (their MAC key derives from the
    /// secret) and tokens signed with the old secret fail with `invalid_signature`; other accounts are untouched.
    static func reset(accountID: Int, on db: any Database, now: Date = Date()) async throws -> Secret? {
        try await db.writeTransaction { db in
            guard let account = try await Account.find(accountID, on: db) else { return nil }
            account.sharedSecret = SecretGenerator.sharedSecret()
            account.secretResetAt = now
            try await account.save(on: db)
            try await WidgetSessionRevocation.query(on: db).filter(\.$accountID == accountID).delete()
            return Secret(sharedSecret: account.sharedSecret, resetAt: now)
        }
    }
}
