import Fluent
import Foundation
import LanternCore
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

@Suite("Widget sessions")
struct WidgetSessionTests {
    @Test("Sign-in answers the session, its expiry (the token's exp) and the contact")
    func signIn() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let exp = Int64(Date().timeIntervalSince1970) + 1800
            let token = TokenMinter.sign(claims: [
                "name": .string("Alice Martin"), "email": .string("Alice@Acme.Example"), "exp": .number(Double(exp)),
            ], secret: account.sharedSecret)
            let response = try await app.postSession(widgetID: account.widgetID, token: token)
            #expect(response.status == .ok)
            #expect(response.headers.first(name: .cacheControl) == "no-store")
            let session = try response.json(TestSession.self)
            #expect(session.expires_at == exp)
            #expect(session.contact.name == "Alice Martin")
            #expect(session.contact.email == "alice@acme.example")
            #expect(session.contact.language == nil)
            let raw = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            let contact = try #require(raw["contact"] as? [String: Any])
            #expect(Set(contact.keys) == ["id", "name", "email", "language", "company_ids"])
            #expect(contact["language"] is NSNull)
            #expect(session.contact.company_ids.isEmpty)
            #expect(!session.session_token.isEmpty)
            #expect(!session.session_token.contains(account.sharedSecret))

            let who = try await app.withSession(.GET, "widget/v1/session", session: session.session_token)
            #expect(who.status == .ok)
            #expect(try who.json(TestSession.ContactWrapper.self).contact.id == session.contact.id)
        }
    }

    @Test("The contact is found by e-mail, renamed from the token, and a new contact joins companies by domain")
    func contacts() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let acme = Company(accountID: account.accountID, name: "Acme", domains: ["acme.example", "acme-corp.example"])
            try await acme.create(on: app.db)
            let other = Company(accountID: account.accountID, name: "Other", domains: ["other.example"])
            try await other.create(on: app.db)
            // An existing contact of a company domain keeps its memberships as they are.
            let existing = Contact(accountID: account.accountID, name: "Old Name", email: "bob@acme.example")
            try await existing.create(on: app.db)

            let first = try await app.signIn(account, name: "Alice", email: "alice@acme-corp.example")
            #expect(first.contact.company_ids == [try acme.requireID()])
            let again = try await app.signIn(account, name: "Alice Renamed", email: "ALICE@acme-corp.example")
            #expect(again.contact.id == first.contact.id)
            #expect(again.contact.name == "Alice Renamed")
            #expect(again.session_token != first.session_token)

            let bob = try await app.signIn(account, name: "Bob", email: "bob@acme.example")
            #expect(bob.contact.id == existing.id)
            #expect(bob.contact.company_ids.isEmpty)
            #expect(try await Contact.find(existing.id, on: app.db)?.name == "Bob")

            let outsider = try await app.signIn(account, name: "Eve", email: "eve@elsewhere.example")
            #expect(outsider.contact.company_ids.isEmpty)
            #expect(try await Contact.query(on: app.db).filter(\.$accountID == account.accountID).count() == 3)
        }
    }

    @Test("Contacts are per account: the same e-mail in two accounts is two contacts")
    func tenants() async throws {
        try await withLantern { app in
            let first = try await makeAccount(app)
            let second = try await makeAccount(app)
            let a = try await app.signIn(first, email: "same@person.example")
            let b = try await app.signIn(second, email: "same@person.example")
            #expect(a.contact.id != b.contact.id)
            // A session of one account is not valid for another account's widget.
            let claims = try #require(WidgetSessionToken.verify(a.session_token, secret: first.sharedSecret))
            #expect(claims.accountID == first.accountID)
            await #expect(throws: AppError.self) {
                _ = try await WidgetSessionService.authenticate(token: a.session_token, accountID: second.accountID, on: app.db)
            }
        }
    }

    @Test("Concurrent first sign-ins of one new customer create one contact")
    func concurrentFirstSignIn() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let ids = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await app.signIn(account, email: "race@new.example").contact.id }
                }
                return try await group.reduce(into: Set<Int>()) { $0.insert($1) }
            }
            #expect(ids.count == 1)
        }
    }

    @Test("Unknown widgets answer 404 widget_not_found")
    func unknownWidget() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let token = TokenMinter.mint(name: "A", email: "a@b.example", secret: account.sharedSecret)
            for path in ["widget/v1/widgets/999999/session", "widget/v1/widgets/abc/session", "widget/v1/widgets/-1/session"] {
                let response = try await app.testing().sendRequest(.POST, path, beforeRequest: { try $0.content.encode(["token": token]) })
                #expect(response.status == .notFound)
                #expect(response.error?.code == "widget_not_found")
            }
        }
    }

    @Test("A body without a token is a validation error, not a crash")
    func badBodies() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let path = "widget/v1/widgets/\(account.widgetID)/session"
            let cases: [(String, HTTPStatus, String)] = [
                ("{}", .unprocessableEntity, "validation_failed"),
                (#"{"token": 42}"#, .unprocessableEntity, "validation_failed"),
                (#"{"token": null}"#, .unprocessableEntity, "validation_failed"),
                ("not json", .badRequest, "invalid_json"),
                (#"{"token": ""}"#, .unauthorized, "malformed_token"),
            ]
            for (body, status, code) in cases {
                let response = try await app.testing().sendRequest(.POST, path, headers: ["Content-Type": "application/json"],
                                                                   body: ByteBuffer(string: body))
                #expect(response.status == status, "\(body)")
                #expect(response.error?.code == code, "\(body)")
            }
            let huge = ByteBuffer(string: #"{"token":""# + String(repeating: "a", count: 200_000) + #""}"#)
            // Body limits apply to bodies streamed from the network, so this one goes through a real socket.
            let tooLarge = try await app.testing(method: .running(port: 0))
                .sendRequest(.POST, path, headers: ["Content-Type": "application/json"], body: huge)
            #expect(tooLarge.status == .payloadTooLarge)
            #expect(tooLarge.error?.code == "payload_too_large")
        }
    }

    @Test("Logout kills the session for good, including copies of it")
    func logout() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let session = try await app.signIn(account)
            let copy = session.session_token
            let other = try await app.signIn(account)

            let logout = try await app.withSession(.DELETE, "widget/v1/session", session: session.session_token)
            #expect(logout.status == .noContent)
            let after = try await app.withSession(.GET, "widget/v1/session", session: copy)
            #expect(after.status == .unauthorized)
            #expect(after.error?.code == "session_invalid")
            // Logging out again is harmless; the other session lives on.
            #expect(try await app.withSession(.DELETE, "widget/v1/session", session: copy).status == .noContent)
            #expect(try await app.withSession(.GET, "widget/v1/session", session: other.session_token).status == .ok)

            // Re-authenticating (the renewal callback's job) gives a new, working session.
            let renewed = try await app.signIn(account)
            #expect(renewed.contact.id == session.contact.id)
            #expect(try await app.withSession(.GET, "widget/v1/session", session: renewed.session_token).status == .ok)
        }
    }

    @Test("A session ends at the token's exp with session_expired")
    func expiry() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let session = try await app.signIn(account, lifetime: 1)
            try await Task.sleep(for: .milliseconds(2100))
            let response = try await app.withSession(.GET, "widget/v1/session", session: session.session_token)
            #expect(response.status == .unauthorized)
            #expect(response.error?.code == "session_expired")

            let long = try await app.signIn(account, lifetime: 7200)
            await #expect(throws: AppError.sessionExpired) {
                _ = try await WidgetSessionService.authenticate(token: long.session_token, accountID: nil, on: app.db,
                                                                now: Date().addingTimeInterval(7201))
            }
        }
    }

    @Test("Unknown, forged or missing sessions answer 401 session_invalid")
    func invalidSessions() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let session = try await app.signIn(account)
            let claims = try #require(WidgetSessionToken.verify(session.session_token, secret: account.sharedSecret))
            let forged = WidgetSessionToken.issue(
                WidgetSessionClaims(sessionID: claims.sessionID, accountID: claims.accountID, widgetID: claims.widgetID,
                                    contactID: claims.contactID + 1, issuedAt: claims.issuedAt, expiresAt: claims.expiresAt),
                secret: "guessed-secret"
            )
            for token in ["nonsense", forged, "lws1.abc.def", String(repeating: "x", count: 10_000)] {
                let response = try await app.withSession(.GET, "widget/v1/session", session: token)
                #expect(response.status == .unauthorized)
                #expect(response.error?.code == "session_invalid")
            }
            let missing = try await app.testing().sendRequest(.DELETE, "widget/v1/session")
            #expect(missing.status == .unauthorized)
            #expect(missing.error?.code == "session_invalid")
        }
    }
}

extension TestSession {
    struct ContactWrapper: Decodable {
        let expires_at: Int64
        let contact: ContactBody
    }
}

extension AppError: Equatable {
    public static func == (lhs: AppError, rhs: AppError) -> Bool {
        lhs.status == rhs.status && lhs.code == rhs.code
    }
}
