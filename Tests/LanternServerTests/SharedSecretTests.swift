import Fluent
import Foundation
import LanternCore
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

@Suite("Shared secret and API keys")
struct SharedSecretTests {
    struct SecretBody: Decodable {
        let shared_secret: String
        let reset_at: String
    }

    func basic(_ key: String) -> HTTPHeaders {
        ["Authorization": "Basic " + Data("\(key):X".utf8).base64EncodedString()]
    }

    @Test("Admins read the secret with Basic (key:X) or Bearer API keys; missing or wrong keys get 401")
    func readSecret() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            for headers in [basic(account.apiKey), ["Authorization": "Bearer \(account.apiKey)"] as HTTPHeaders] {
                let response = try await app.testing().sendRequest(.GET, "api/v2/settings/widget_security", headers: headers)
                #expect(response.status == .ok)
                let body = try response.json(SecretBody.self)
                #expect(body.shared_secret == account.sharedSecret)
                #expect(ISO8601DateFormatter().date(from: body.reset_at) != nil)
            }
            let unauthenticated: [HTTPHeaders] = [[:], basic("lantern_wrong"), ["Authorization": "Bearer nope"],
                                                  ["Authorization": "Basic !!!notbase64"], ["Authorization": "Digest abc"]]
            for headers in unauthenticated {
                let response = try await app.testing().sendRequest(.GET, "api/v2/settings/widget_security", headers: headers)
                #expect(response.status == .unauthorized)
                #expect(response.error?.code == "invalid_credentials")
                #expect(!response.body.string.contains(account.sharedSecret))
            }
        }
    }

    @Test("Only admin agents' keys may see or reset the secret; bot keys are read-only")
    func roles() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let agent = Agent(accountID: account.accountID, name: "Agent", email: "agent@test.example", passwordHash: "x", role: .agent)
            try await agent.create(on: app.db)
            let agentKey = SecretGenerator.apiKey(), botKey = SecretGenerator.apiKey()
            try await APIKey(accountID: account.accountID, agentID: agent.id, name: "agent", role: .agent,
                             keyDigest: APIKeyDigest.of(agentKey)).create(on: app.db)
            try await APIKey(accountID: account.accountID, agentID: nil, name: "bot", role: .bot,
                             keyDigest: APIKeyDigest.of(botKey)).create(on: app.db)
            for key in [agentKey, botKey] {
                let read = try await app.testing().sendRequest(.GET, "api/v2/settings/widget_security", headers: basic(key))
                #expect(read.status == .forbidden)
                #expect(read.error?.code == "access_denied")
                let reset = try await app.testing().sendRequest(.POST, "api/v2/settings/widget_security/reset", headers: basic(key))
                #expect(reset.status == .forbidden)
                #expect(reset.error?.code == "access_denied")
            }
            #expect(try await Account.find(account.accountID, on: app.db)?.sharedSecret == account.sharedSecret)
        }
    }

    @Test("A reset ends every widget session of the account and old-secret tokens fail; other accounts are untouched")
    func reset() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let bystander = try await makeAccount(app)
            let first = try await app.signIn(account, email: "one@customer.example")
            let second = try await app.signIn(account, email: "two@customer.example")
            let unrelated = try await app.signIn(bystander, email: "one@customer.example")
            let oldToken = TokenMinter.mint(name: "One", email: "one@customer.example", secret: account.sharedSecret)

            let response = try await app.testing().sendRequest(.POST, "api/v2/settings/widget_security/reset",
                                                               headers: basic(account.apiKey))
            #expect(response.status == .ok)
            let body = try response.json(SecretBody.self)
            #expect(body.shared_secret != account.sharedSecret)
            #expect(body.shared_secret.count == 64)

            for session in [first, second] {
                let check = try await app.withSession(.GET, "widget/v1/session", session: session.session_token)
                #expect(check.status == .unauthorized)
                #expect(check.error?.code == "session_invalid")
            }
            let old = try await app.postSession(widgetID: account.widgetID, token: oldToken)
            #expect(old.status == .unauthorized)
            #expect(old.error?.code == "invalid_signature")

            #expect(try await app.withSession(.GET, "widget/v1/session", session: unrelated.session_token).status == .ok)
            #expect(try await Account.find(bystander.accountID, on: app.db)?.sharedSecret == bystander.sharedSecret)

            let fresh = TokenMinter.mint(name: "One", email: "one@customer.example", secret: body.shared_secret)
            #expect(try await app.postSession(widgetID: account.widgetID, token: fresh).status == .ok)

            let shown = try await app.testing().sendRequest(.GET, "api/v2/settings/widget_security", headers: basic(account.apiKey))
            #expect(try shown.json(SecretBody.self).shared_secret == body.shared_secret)
            #expect(try shown.json(SecretBody.self).reset_at == body.reset_at)
        }
    }
}
