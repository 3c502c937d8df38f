import Fluent
import Foundation
import LanternCore

/// The demo of `lantern serve --demo`: its account and widget, and the tokens its stand-in customer site mints for
/// the demo customers with the account's shared secret, as a customer's server would.
enum DemoSiteService {
    /// Token lifetimes the demo mints: from a few seconds (to watch renewal) to the policy's two hours.
    static let lifetimes = 5...7200
    static let defaultLifetime = 3600

    /// A minted token and when it expires (seconds since 1970).
    struct MintedToken: Sendable {
        let token: String
        let expiresAt: Int64
    }

    /// The demo account (the oldest one of that name) and its first widget.
    static func site(on db: any Database) async throws -> (account: Account, widget: Widget) {
        guard let account = try await Account.query(on: db).filter(\.$name == DemoSeeder.accountName).sort(\.$id).first(),
              let widget = try await Widget.query(on: db).filter(\.$accountID == account.requireID()).sort(\.$id).first()
        else {
            throw AppError(.demoNotSeeded, "The demo account does not exist; start Lantern with `lantern serve --demo`.")
        }
        return (account, widget)
    }

    /// A token for the demo customer with address `email`, valid for `lifetime` seconds (default an hour), signed
    /// with `account`'s current shared secret. Throws `AppError.validation` naming `email` or `ttl`.
    static func mintToken(email: String?, lifetime: Int?, account: Account, now: Date = Date()) throws -> MintedToken {
        var errors = FieldErrors()
        let customer = DemoSeeder.customers.first { $0.email == email.flatMap(EmailAddress.normalized) }
        if customer == nil {
            errors.add("email", email == nil ? "is required"
                : "must be one of the demo customers: " + DemoSeeder.customers.map(\.email).joined(separator: ", "))
        }
        if let lifetime, !lifetimes.contains(lifetime) {
            errors.add("ttl", "must be a number of seconds from \(lifetimes.lowerBound) to \(lifetimes.upperBound)")
        }
        guard let customer, errors.fields.isEmpty else { throw AppError.validation(errors.fields) }
        let seconds = Int64(lifetime ?? defaultLifetime)
        let token = TokenMinter.mint(name: customer.name, email: customer.email, secret: account.sharedSecret, lifetime: seconds, now: now)
        return MintedToken(token: token, expiresAt: Int64(now.timeIntervalSince1970.rounded(.down)) + seconds)
    }
}
