import Fluent
import Foundation
import LanternCore
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// Issue 14, item 3: the sign-in limit is per account and address (and per client address), a success clears only
/// its own key, and an unknown address takes as long as a known one.
@Suite("Agent sign-in throttle")
struct SignInThrottleTests {
    static func attempt(_ app: Application, email: String, password: String, accountID: Int? = nil,
                        from address: String) async throws -> TestingHTTPResponse {
        let browser = PortalBrowser(app, address: address)
        let csrf = try await browser.csrf(from: "/agent/login")
        var fields = [("csrf_token", csrf), ("email", email), ("password", password)]
        if let accountID { fields.append(("account_id", String(accountID))) }
        return try await browser.post("/agent/login", fields)
    }

    @Test("Another tenant's agent with the same address signing in does not reset this tenant's count")
    func crossTenantReset() async throws {
        try await withLantern { app in
            app.lantern.behindProxy = true
            let email = "kim-\(UUID().uuidString.prefix(8).lowercased())@shared.example"
            let victim = try await AccountProvisioner.provision(.init(accountName: "Victim Co", adminEmail: email, adminPassword: "victim secret"), on: app)
            let attacker = try await AccountProvisioner.provision(.init(accountName: "Attacker Co", adminEmail: email, adminPassword: "attacker pw"), on: app)
            // Guesses from many client addresses, so only the agent key can stop them; after every fourth, the
            // attacker signs in to their own account with the same address.
            var statuses: [HTTPStatus] = []
            for round in 0..<3 {
                for guess in 0..<4 {
                    statuses.append(try await Self.attempt(app, email: email, password: "guess \(round)-\(guess)",
                                                           from: "198.51.100.\(round * 10 + guess + 1)").status)
                }
                let own = try await Self.attempt(app, email: email, password: "attacker pw", accountID: attacker.accountID,
                                                 from: "198.51.100.\(200 + round)")
                #expect(own.status == .seeOther, "the attacker's own sign-in is not limited by the victim's count")
            }
            #expect(statuses.contains(.tooManyRequests), "statuses: \(statuses)")
            // The attacker's own sign-in was a wrong password for the victim, so it counted: four guesses and the
            // attacker's sign-in use up the victim's five, and the fifth guess is refused.
            #expect(statuses.prefix(4).allSatisfy { $0 == .unauthorized })
            #expect(statuses.dropFirst(4).allSatisfy { $0 == .tooManyRequests })
            // Once locked, even the victim's right password waits; the attacker's own account still works.
            let right = try await Self.attempt(app, email: email, password: "victim secret", accountID: victim.accountID, from: "203.0.113.9")
            #expect(right.status == .tooManyRequests)
            #expect(right.headers.first(name: .retryAfter).flatMap(Int.init) != nil)
            #expect(try await Self.attempt(app, email: email, password: "attacker pw", accountID: attacker.accountID,
                                           from: "203.0.113.10").status == .seeOther)
            // The counts are kept apart: the victim's key has the failures, the attacker's none after its success.
            let victimKey = LoginThrottle.agentKey(email, accountID: victim.accountID)
            let attackerKey = LoginThrottle.agentKey(email, accountID: attacker.accountID)
            #expect(try await LoginAttempt.query(on: app.db).filter(\.$key == victimKey).count() >= LoginThrottle.maximumFailuresPerAgent)
            #expect(try await LoginAttempt.query(on: app.db).filter(\.$key == attackerKey).count() == 0)
        }
    }

    @Test("An unknown address is throttled like a known one, so a 429 does not tell which exist")
    func unknownAddress() async throws {
        try await withLantern { app in
            app.lantern.behindProxy = true
            let known = try await makeAccount(app)
            let unknown = "nobody-\(UUID().uuidString.prefix(8).lowercased())@x.example"
            for email in [known.adminEmail, unknown] {
                var statuses: [HTTPStatus] = []
                for index in 0...LoginThrottle.maximumFailuresPerAgent {
                    statuses.append(try await Self.attempt(app, email: email, password: "guess", from: "192.0.2.\(index + 1)").status)
                }
                #expect(statuses == Array(repeating: .unauthorized, count: LoginThrottle.maximumFailuresPerAgent) + [.tooManyRequests],
                        "\(email): \(statuses)")
            }
        }
    }

    @Test("The dummy hash for unknown addresses is made at the configured bcrypt cost")
    func dummyHashCost() throws {
        for cost in [4, 9, 12] {
            #expect(AgentSignInService.dummyHash(cost: cost).hasPrefix(String(format: "$2b$%02d$", cost)))
        }
    }

    @Test("At bcrypt cost 12, a wrong password for an unknown address takes about as long as for a known one")
    func timing() async throws {
        try await withLantern { app in
            app.lantern.behindProxy = true
            app.lantern.bcryptCost = 12
            app.passwords.use(.bcrypt(cost: 12))
            let known = try await makeAccount(app)
            let unknown = "nobody-\(UUID().uuidString.prefix(8).lowercased())@x.example"
            _ = AgentSignInService.dummyHash(cost: 12)
            // Alternating, best of four each (under the agent limit of five failures): a busy machine slows both sides alike.
            func time(_ email: String, _ index: Int) async throws -> Double {
                let start = ContinuousClock.now
                #expect(try await Self.attempt(app, email: email, password: "wrong \(index)", from: "192.0.2.\(100 + index)").status == .unauthorized)
                let elapsed = ContinuousClock.now - start
                return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            }
            var knownTime = Double.infinity, unknownTime = Double.infinity
            for index in 0..<4 {
                knownTime = min(knownTime, try await time(known.adminEmail, index))
                unknownTime = min(unknownTime, try await time(unknown, index))
            }
            #expect(unknownTime > knownTime * 0.6, "unknown \(unknownTime) s vs known \(knownTime) s")
        }
    }
}
