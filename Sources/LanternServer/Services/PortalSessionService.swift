import Crypto
import Fluent
import Foundation
import LanternCore

/// Server-side sessions of the two portals. The cookie carries a random 256-bit token; the database stores only
/// its SHA-256 digest (`APIKeyDigest`), so sessions work across processes and a database leak opens no session.
/// The cookies themselves are made by `PortalCookie`.
enum PortalSessionService {
    static let agentCookie = "lantern_agent"
    static let customerCookie = "lantern_support"
    /// The pre-sign-in CSRF cookie of the sign-in form (double submit).
    static let loginCSRFCookie = "lantern_login_csrf"
    static let agentLifetime: TimeInterval = 12 * 60 * 60
    /// A portal session opened by single sign-on lasts as long as the customer's token allowed, at least this long.
    static let customerMinimumLifetime: TimeInterval = 30 * 60

    // MARK: Agents

    /// The agent behind a live portal session, with the account it belongs to.
    struct SignedInAgent: Sendable {
        let session: AgentSession
        let agent: Agent
        let account: Account

        var isAdmin: Bool { agent.role == .admin }
        var csrf: String { session.csrfToken }
    }

    /// Opens a session for `agent`; returns the cookie token.
    static func openAgentSession(for agent: Agent, on db: any Database, now: Date = Date()) async throws -> String {
        let token = SecretGenerator.sessionToken()
        let session = AgentSession(accountID: agent.accountID, agentID: try agent.requireID(), tokenDigest: APIKeyDigest.of(token),
                                   csrfToken: SecretGenerator.sessionToken(), createdAt: now,
                                   expiresAt: now.addingTimeInterval(agentLifetime))
        try await db.writeTransaction { db in
            try await session.create(on: db)
            // Expired sessions are of no use; sweep them as new ones open.
            try await AgentSession.query(on: db).filter(\.$expiresAt < now).delete()
        }
        return token
    }

    /// The live agent session behind `token`, or `nil`.
    static func agentSession(token: String, on db: any Database, now: Date = Date()) async throws -> SignedInAgent? {
        guard !token.isEmpty, token.count <= 128,
              let session = try await AgentSession.query(on: db).filter(\.$tokenDigest == APIKeyDigest.of(token)).first(),
              session.expiresAt > now,
              let agent = try await Agent.find(session.agentID, on: db), agent.accountID == session.accountID,
              let account = try await Account.find(session.accountID, on: db)
        else { return nil }
        return SignedInAgent(session: session, agent: agent, account: account)
    }

    /// Ends the session behind `token` (signing out).
    static func closeAgentSession(token: String, on db: any Database) async throws {
        try await AgentSession.query(on: db).filter(\.$tokenDigest == APIKeyDigest.of(token)).delete()
    }

    // MARK: Customers

    /// The customer (contact) behind a live `/support` session.
    struct SignedInCustomer: Sendable {
        let session: CustomerSession
        let contact: ContactRecord

        var viewer: Viewer { .contact(companyIDs: Set(contact.companyIDs)) }
        var csrf: String { session.csrfToken }
    }

    /// Verifies the customer's JWT with the widget's account secret and the widget token policy, finds or creates
    /// the contact (as the widget does) and opens a portal session. Throws `TokenRejection` for a refused token.
    static func openCustomerSession(widget: Widget, account: Account, jwt: String, on db: any Database,
                                    now: Date = Date()) async throws -> (token: String, contact: ContactRecord) {
        let identity = try WidgetTokenPolicy.standard.verify(jwt, secret: account.sharedSecret, now: now)
        let contact = try await WidgetSessionService.findOrCreateContact(accountID: account.requireID(), identity: identity, on: db)
        let token = SecretGenerator.sessionToken()
        let expiry = max(Date(timeIntervalSince1970: TimeInterval(identity.expiresAt)), now.addingTimeInterval(customerMinimumLifetime))
        let session = CustomerSession(accountID: try account.requireID(), widgetID: try widget.requireID(), contactID: contact.id,
                                      tokenDigest: APIKeyDigest.of(token), csrfToken: SecretGenerator.sessionToken(),
                                      createdAt: now, expiresAt: expiry)
        try await db.writeTransaction { db in
            try await session.create(on: db)
            try await CustomerSession.query(on: db).filter(\.$expiresAt < now).delete()
        }
        return (token, contact)
    }

    /// The live customer session behind `token` for `account`: not expired, opened after the last shared-secret
    /// reset (a reset signs every customer out), its contact still there.
    static func customerSession(token: String, account: Account, on db: any Database, now: Date = Date()) async throws -> SignedInCustomer? {
        guard !token.isEmpty, token.count <= 128,
              let session = try await CustomerSession.query(on: db).filter(\.$tokenDigest == APIKeyDigest.of(token)).first(),
              session.accountID == account.id, session.expiresAt > now,
              session.createdAt >= account.secretResetAt,
              let contact = try await WidgetSessionService.contact(
                  where: "c.id = \(bind: session.contactID) AND c.account_id = \(bind: session.accountID)", on: db)
        else { return nil }
        return SignedInCustomer(session: session, contact: contact)
    }

    /// Ends the session behind `token` (signing out).
    static func closeCustomerSession(token: String, on db: any Database) async throws {
        try await CustomerSession.query(on: db).filter(\.$tokenDigest == APIKeyDigest.of(token)).delete()
    }

    // MARK: CSRF

    /// Constant-time comparison of a submitted CSRF token with the expected one.
    static func csrfMatches(_ submitted: String?, _ expected: String) -> Bool {
        guard let submitted, !expected.isEmpty else { return false }
        let a = Array(submitted.utf8), b = Array(expected.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
