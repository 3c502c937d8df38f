import Fluent
import Foundation
import LanternCore
import SQLKit
import Vapor

/// Signs customers in to a widget with their JWT, checks and ends widget sessions. These run on every widget
/// request, so they use plain SQL: two queries per request, whatever the database.
enum WidgetSessionService {
    /// The outcome of a sign-in: the session token and the contact it stands for.
    struct SignIn: Sendable {
        let sessionToken: String
        let claims: WidgetSessionClaims
        let contact: ContactRecord
    }

    /// Verifies `token` with the widget's account secret, finds or creates the contact and issues a session.
    static func signIn(widgetID: Int, token: String, on db: any Database, now: Date = Date()) async throws -> SignIn {
        guard let row = try await db.sql.raw("""
            SELECT w.account_id, a.shared_secret FROM widgets w JOIN accounts a ON a.id = w.account_id
            WHERE w.id = \(bind: widgetID)
            """).first() else { throw AppError.widgetNotFound }
        let accountID = try row.decode(column: "account_id", as: Int.self)
        let secret = try row.decode(column: "shared_secret", as: String.self)
        let identity: VerifiedIdentity
        do {
            identity = try WidgetTokenPolicy.standard.verify(token, secret: secret, now: now)
        } catch {
            throw AppError(ErrorCode(error.code), error.message)
        }
        let contact = try await findOrCreateContact(accountID: accountID, identity: identity, on: db)
        let claims = WidgetSessionClaims(
            sessionID: WidgetSessionToken.newSessionID(), accountID: accountID, widgetID: widgetID,
            contactID: contact.id, issuedAt: Int64(now.timeIntervalSince1970), expiresAt: identity.expiresAt
        )
        return SignIn(sessionToken: WidgetSessionToken.issue(claims, secret: secret), claims: claims, contact: contact)
    }

    /// The contact with the token's e-mail in the account, its name brought up to date; or a new contact, which
    /// joins every company whose domains include its e-mail domain.
    static func findOrCreateContact(accountID: Int, identity: VerifiedIdentity, on db: any Database) async throws -> ContactRecord {
        let email = identity.email.value
        if let existing = try await contact(where: "c.account_id = \(bind: accountID) AND c.email = \(bind: email)", on: db) {
            guard existing.name != identity.name else { return existing }
            try await db.writeTransaction { db in
                try await db.sql.raw("""
                    UPDATE contacts SET name = \(bind: identity.name), updated_at = \(bind: Date()) WHERE id = \(bind: existing.id)
                    """).run()
            }
            return ContactRecord(id: existing.id, name: identity.name, email: existing.email,
                                 language: existing.language, companyIDs: existing.companyIDs)
        }
        do {
            return try await db.writeTransaction { db in
                let contact = Contact(accountID: accountID, name: identity.name, email: email)
                try await contact.create(on: db)
                let contactID = try contact.requireID()
                let domain = identity.email.domain
                var companyIDs: [Int] = []
                for company in try await Company.query(on: db).filter(\.$accountID == accountID).all()
                where company.domains.contains(where: { EmailAddress.normalizedDomain($0) == domain }) {
                    let companyID = try company.requireID()
                    try await CompanyMembership(accountID: accountID, contactID: contactID, companyID: companyID).create(on: db)
                    companyIDs.append(companyID)
                }
                return ContactRecord(id: contactID, name: identity.name, email: email, language: nil, companyIDs: companyIDs.sorted())
            }
        } catch {
            // Another request may have created the same contact a moment ago (unique e-mail per account).
            guard (error as? any DatabaseError)?.isConstraintFailure == true,
                  let raced = try await contact(where: "c.account_id = \(bind: accountID) AND c.email = \(bind: email)", on: db)
            else { throw error }
            return raced
        }
    }

    /// One contact with its company ids, in one query.
    static func contact(where condition: SQLQueryString, on db: any Database) async throws -> ContactRecord? {
        let rows = try await db.sql.raw("""
            SELECT c.id, c.name, c.email, c.language, m.company_id FROM contacts c
            LEFT JOIN company_memberships m ON m.contact_id = c.id
            WHERE \(condition) ORDER BY m.company_id
            """).all()
        guard let first = rows.first else { return nil }
        return ContactRecord(
            id: try first.decode(column: "id", as: Int.self),
            name: try first.decode(column: "name", as: String.self),
            email: try first.decode(column: "email", as: String.self),
            language: try first.decode(column: "language", as: String?.self),
            companyIDs: try rows.compactMap { try $0.decode(column: "company_id", as: Int?.self) }
        )
    }

    /// The live session behind `token` for a widget of `accountID` (any account when `nil`).
    /// Throws 401 `session_invalid` for an unknown, forged, revoked or secret-reset session, `session_expired` after expiry.
    static func authenticate(token: String, accountID expectedAccountID: Int?, on db: any Database, now: Date = Date()) async throws -> WidgetSignedIn {
        let (claims, revoked) = try await verifiedClaims(token: token, on: db)
        if let expectedAccountID, claims.accountID != expectedAccountID { throw AppError.sessionInvalid }
        if claims.expiresAt <= Int64(now.timeIntervalSince1970) { throw AppError.sessionExpired }
        if revoked { throw AppError.sessionInvalid }
        guard let contact = try await contact(where: "c.id = \(bind: claims.contactID) AND c.account_id = \(bind: claims.accountID)", on: db)
        else { throw AppError.sessionInvalid }
        return WidgetSignedIn(claims: claims, contact: contact)
    }

    /// Ends the session behind `token` for good. Ending an already expired or revoked session is not an error.
    static func revoke(token: String, on db: any Database, now: Date = Date()) async throws {
        let (claims, revoked) = try await verifiedClaims(token: token, on: db)
        guard !revoked, claims.expiresAt > Int64(now.timeIntervalSince1970) else { return }
        let expiresAt = Date(timeIntervalSince1970: TimeInterval(claims.expiresAt))
        do {
            try await db.writeTransaction { db in
                try await WidgetSessionRevocation(accountID: claims.accountID, sessionID: claims.sessionID,
                                                  expiresAt: expiresAt, revokedAt: now).create(on: db)
                // Revocations of sessions that have expired anyway are no longer needed.
                try await WidgetSessionRevocation.query(on: db).filter(\.$accountID == claims.accountID)
                    .filter(\.$expiresAt < now.addingTimeInterval(-60)).delete()
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Revoked concurrently by another request: the session is dead either way.
        }
    }

    /// Claims whose signature checks out with the claimed account's current secret, and whether they were revoked,
    /// in one query.
    private static func verifiedClaims(token: String, on db: any Database) async throws -> (WidgetSessionClaims, revoked: Bool) {
        guard let accountID = WidgetSessionToken.claimedAccountID(token),
              let sessionID = WidgetSessionToken.claimedSessionID(token),
              let row = try await db.sql.raw("""
                  SELECT a.shared_secret, CASE WHEN EXISTS (SELECT 1 FROM widget_session_revocations r
                      WHERE r.session_id = \(bind: sessionID)) THEN 1 ELSE 0 END AS revoked
                  FROM accounts a WHERE a.id = \(bind: accountID)
                  """).first(),
              let claims = WidgetSessionToken.verify(token, secret: try row.decode(column: "shared_secret", as: String.self))
        else { throw AppError.sessionInvalid }
        return (claims, try row.decode(column: "revoked", as: Int.self) != 0)
    }
}

extension AppError {
    static let widgetNotFound = AppError(.widgetNotFound, "No widget has this id; check the widgetId in your embed code.")
    static let sessionInvalid = AppError(.sessionInvalid, "The widget session is not valid (signed out, or the shared secret was reset); sign in again with a fresh token."
    )
    static let sessionExpired = AppError(.sessionExpired, "The widget session has expired; sign in again with a fresh token."
    )
}
