import Fluent
import Foundation
import LanternCore
import Vapor

/// A signed-in widget caller: the verified contact behind a live session.
struct WidgetSignedIn: Sendable {
    let claims: WidgetSessionClaims
    let contact: Contact
    let companyIDs: [Int]

    var viewer: Viewer { .contact(companyIDs: Set(companyIDs)) }
}

/// Signs customers in to a widget with their JWT, checks and ends widget sessions.
enum WidgetSessionService {
    /// The outcome of a sign-in: the session token and the contact it stands for.
    struct SignIn: Sendable {
        let sessionToken: String
        let claims: WidgetSessionClaims
        let contact: Contact
        let companyIDs: [Int]
    }

    /// Verifies `token` with the widget's account secret, finds or creates the contact and issues a session.
    static func signIn(widgetID: Int, token: String, on db: any Database, now: Date = Date()) async throws -> SignIn {
        guard let widget = try await Widget.find(widgetID, on: db),
              let account = try await Account.find(widget.accountID, on: db) else {
            throw APIError.widgetNotFound
        }
        let identity: VerifiedIdentity
        do {
            identity = try WidgetTokenPolicy.standard.verify(token, secret: account.sharedSecret, now: now)
        } catch {
            throw APIError.unauthorized(error.code.rawValue, error.message)
        }
        let accountID = try account.requireID()
        let contact = try await findOrCreateContact(accountID: accountID, identity: identity, on: db)
        let contactID = try contact.requireID()
        let claims = WidgetSessionClaims(
            sessionID: WidgetSessionToken.newSessionID(), accountID: accountID, widgetID: widgetID,
            contactID: contactID, issuedAt: Int64(now.timeIntervalSince1970), expiresAt: identity.expiresAt
        )
        return SignIn(sessionToken: WidgetSessionToken.issue(claims, secret: account.sharedSecret), claims: claims,
                      contact: contact, companyIDs: try await companyIDs(of: contactID, on: db))
    }

    /// The contact with the token's e-mail in the account, its name brought up to date; or a new contact, which
    /// joins every company whose domains include its e-mail domain.
    static func findOrCreateContact(accountID: Int, identity: VerifiedIdentity, on db: any Database) async throws -> Contact {
        if let existing = try await contact(accountID: accountID, email: identity.email.value, on: db) {
            if existing.name != identity.name {
                existing.name = identity.name
                try await existing.save(on: db)
            }
            return existing
        }
        do {
            return try await db.writeTransaction { db in
                let contact = Contact(accountID: accountID, name: identity.name, email: identity.email.value)
                try await contact.create(on: db)
                let contactID = try contact.requireID()
                let domain = identity.email.domain
                let companies = try await Company.query(on: db).filter(\.$accountID == accountID).all()
                for company in companies where company.domains.contains(where: { $0.lowercased() == domain }) {
                    try await CompanyMembership(accountID: accountID, contactID: contactID, companyID: company.requireID())
                        .create(on: db)
                }
                return contact
            }
        } catch {
            // Another request may have created the same contact a moment ago (unique e-mail per account).
            guard (error as? any DatabaseError)?.isConstraintFailure == true,
                  let raced = try await contact(accountID: accountID, email: identity.email.value, on: db) else { throw error }
            return raced
        }
    }

    private static func contact(accountID: Int, email: String, on db: any Database) async throws -> Contact? {
        try await Contact.query(on: db).filter(\.$accountID == accountID).filter(\.$email == email).first()
    }

    static func companyIDs(of contactID: Int, on db: any Database) async throws -> [Int] {
        try await CompanyMembership.query(on: db).filter(\.$contactID == contactID).all().map(\.companyID).sorted()
    }

    /// The live session behind `token` for a widget of `accountID` (any account when `nil`).
    /// Throws 401 `session_invalid` for an unknown, forged, revoked or secret-reset session, `session_expired` after expiry.
    static func authenticate(token: String, accountID expectedAccountID: Int?, on db: any Database, now: Date = Date()) async throws -> WidgetSignedIn {
        let claims = try await verifiedClaims(token: token, on: db)
        if let expectedAccountID, claims.accountID != expectedAccountID { throw APIError.sessionInvalid }
        if claims.expiresAt <= Int64(now.timeIntervalSince1970) { throw APIError.sessionExpired }
        if try await isRevoked(claims.sessionID, on: db) { throw APIError.sessionInvalid }
        guard let contact = try await Contact.find(claims.contactID, on: db), contact.accountID == claims.accountID else {
            throw APIError.sessionInvalid
        }
        return WidgetSignedIn(claims: claims, contact: contact, companyIDs: try await companyIDs(of: claims.contactID, on: db))
    }

    /// Ends the session behind `token` for good. Ending an already expired or revoked session is not an error.
    static func revoke(token: String, on db: any Database, now: Date = Date()) async throws {
        let claims = try await verifiedClaims(token: token, on: db)
        guard claims.expiresAt > Int64(now.timeIntervalSince1970) else { return }
        let expiresAt = Date(timeIntervalSince1970: TimeInterval(claims.expiresAt))
        try await db.writeTransaction { db in
            guard try await !isRevoked(claims.sessionID, on: db) else { return }
            try await WidgetSessionRevocation(accountID: claims.accountID, sessionID: claims.sessionID,
                                              expiresAt: expiresAt, revokedAt: now).create(on: db)
            // Revocations of sessions that have expired anyway are no longer needed.
            try await WidgetSessionRevocation.query(on: db).filter(\.$accountID == claims.accountID)
                .filter(\.$expiresAt < now.addingTimeInterval(-60)).delete()
        }
    }

    /// Claims whose signature checks out with the claimed account's current secret.
    private static func verifiedClaims(token: String, on db: any Database) async throws -> WidgetSessionClaims {
        guard let accountID = WidgetSessionToken.claimedAccountID(token),
              let account = try await Account.find(accountID, on: db),
              let claims = WidgetSessionToken.verify(token, secret: account.sharedSecret)
        else { throw APIError.sessionInvalid }
        return claims
    }

    private static func isRevoked(_ sessionID: String, on db: any Database) async throws -> Bool {
        try await WidgetSessionRevocation.query(on: db).filter(\.$sessionID == sessionID).first() != nil
    }
}

extension APIError {
    static let widgetNotFound = APIError.notFound("widget_not_found", "No widget has this id; check the widgetId in your embed code.")
    static let sessionInvalid = APIError.unauthorized(
        "session_invalid", "The widget session is not valid (signed out, or the shared secret was reset); sign in again with a fresh token."
    )
    static let sessionExpired = APIError.unauthorized(
        "session_expired", "The widget session has expired; sign in again with a fresh token."
    )
}
