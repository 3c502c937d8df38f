import Crypto
import Foundation
import Testing
@testable import LanternCore

@Suite("Widget token policy")
struct WidgetTokenPolicyTests {
    let secret = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    var clock: Double { now.timeIntervalSince1970 }
    let policy = WidgetTokenPolicy.standard

    func token(_ claims: [String: JSONValue]) -> String {
        TokenMinter.sign(claims: claims, secret: secret)
    }

    func claims(exp: Double? = nil, name: String = "Alice Martin", email: String = "alice@acme.example") -> [String: JSONValue] {
        ["name": .string(name), "email": .string(email), "exp": .number(exp ?? clock + 3600)]
    }

    func rejection(_ token: String, secret: String? = nil) -> TokenRejection? {
        do {
            _ = try policy.verify(token, secret: secret ?? self.secret, now: now)
            return nil
        } catch {
            return error
        }
    }

    @Test("RFC 7515 A.1: the HS256 example's signature verifies with its key, and the policy rejects it as expired")
    func rfc7515Vector() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/vectors/rfc7515-a1-hs256.json")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        let vector = try #require(json as? [String: Any])
        let keyText = try #require(vector["key_base64url"] as? String)
        let key = try #require(Base64URL.decode(keyText))
        let token = try #require(vector["token"] as? String)

        let parsed = try policy.parse(token)
        try policy.checkAlgorithm(parsed)
        try policy.checkSignature(parsed, key: key)
        #expect(parsed.header["alg"] == .string("HS256"))
        #expect(parsed.claims["exp"] == .number(1300819380))
        #expect(parsed.claims["iss"] == .string("joe"))
        #expect(parsed.claims["http://example.com/is_root"] == .bool(true))

        var tampered = key
        tampered[0] ^= 1
        #expect(throws: TokenRejection.self) { try policy.checkSignature(parsed, key: tampered) }

        do {
            _ = try policy.verify(token, key: key, now: now)
            Issue.record("The 2011 token must be rejected")
        } catch {
            #expect(error.code == .tokenExpired)
        }
    }

    @Test("A well-formed token yields its identity")
    func accepts() throws {
        var extra = claims()
        extra["iat"] = .number(clock - 5)
        extra["nbf"] = .number(clock - 5)
        extra["jti"] = .string("abc-123")
        extra["plan"] = .string("gold")
        extra["http://example.com/custom"] = .object(["nested": .array([.number(1)])])
        let identity = try policy.verify(token(extra), secret: secret, now: now)
        #expect(identity.name == "Alice Martin")
        #expect(identity.email.value == "alice@acme.example")
        #expect(identity.expiresAt == Int64(clock + 3600))
        #expect(identity.tokenID == "abc-123")
    }

    @Test("Clock skew of 60 seconds is allowed on both ends, and no more")
    func skew() {
        #expect(rejection(token(claims(exp: clock - 59))) == nil)
        #expect(rejection(token(claims(exp: clock - 61)))?.code == .tokenExpired)
        #expect(rejection(token(claims(exp: clock + 7200 + 59))) == nil)
        #expect(rejection(token(claims(exp: clock + 7200 + 61)))?.code == .expiryTooFar)
        var nbf = claims()
        nbf["nbf"] = .number(clock + 59)
        #expect(rejection(token(nbf)) == nil)
        nbf["nbf"] = .number(clock + 61)
        #expect(rejection(token(nbf))?.code == .tokenNotYetValid)
        var iat = claims()
        iat["iat"] = .number(clock + 61)
        #expect(rejection(token(iat))?.code == .tokenNotYetValid)
    }

    @Test("Messages name the claim and never echo the secret")
    func messages() {
        for claim in ["name", "email", "exp"] {
            var missing = claims()
            missing.removeValue(forKey: claim)
            let rejection = rejection(token(missing))
            #expect(rejection?.code == .missingClaim)
            #expect(rejection?.message.contains(claim) == true)
        }
        let bad = rejection(token(claims(email: "not-an-email")))
        #expect(bad?.code == .invalidClaim)
        #expect(bad?.message.contains("email") == true)
        let wrongSecret = rejection(token(claims()), secret: "another-secret")
        #expect(wrongSecret?.code == .invalidSignature)
        #expect(wrongSecret?.message.contains(secret) == false)
        #expect(rejection(token(claims(exp: clock * 1000)))?.message.contains("milliseconds") == true)
    }

    @Test("A header with crit is refused as malformed, whatever it lists (RFC 7515 §4.1.11)", arguments: [
        JSONValue.array([.string("exp")]), .array([.string("b64")]), .array([]), .string("b64"), .null,
    ])
    func critical(crit: JSONValue) {
        let header: [String: JSONValue] = ["alg": .string("HS256"), "typ": .string("JWT"), "crit": crit, "b64": .bool(true)]
        let signed = TokenMinter.sign(claims: claims(), secret: secret, header: header)
        let refused = rejection(signed)
        #expect(refused?.code == .malformedToken)
        #expect(refused?.message.contains("crit") == true)
        #expect(TokenInspection.inspect(signed, secret: secret, now: now).verdict?.code == .malformedToken)
        #expect(rejection(signed, secret: "another-secret")?.code == .malformedToken, "a structure check, before the signature")
    }

    @Test("A name is limited in characters and in code points both")
    func nameLength() {
        let limit = WidgetTokenPolicy.maximumNameLength
        #expect(rejection(token(claims(name: String(repeating: "a", count: limit)))) == nil)
        #expect(rejection(token(claims(name: String(repeating: "a", count: limit + 1))))?.code == .invalidClaim)
        let stacked = "Z" + String(repeating: "\u{301}", count: 2000)
        #expect(stacked.count == 1)
        let refused = rejection(token(claims(name: stacked)))
        #expect(refused?.code == .invalidClaim)
        #expect(refused?.message.contains("name") == true)
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}"
        #expect(rejection(token(claims(name: "Ana " + String(repeating: family, count: 100)))) == nil)
        let scalars = WidgetTokenPolicy.maximumNameScalars, accented = "e\u{301}\u{302}\u{303}\u{304}"
        let longest = String(repeating: accented, count: scalars / 5) + String(repeating: "a", count: scalars % 5)
        #expect(longest.count <= limit && longest.unicodeScalars.count == scalars)
        #expect(rejection(token(claims(name: longest))) == nil)
        #expect(rejection(token(claims(name: longest + "\u{305}")))?.code == .invalidClaim)
    }

    @Test("Inspection reports every check and the same verdict as verification")
    func inspection() {
        var expiredAndNameless = claims(exp: clock - 3600)
        expiredAndNameless["name"] = .string("")
        let inspection = TokenInspection.inspect(token(expiredAndNameless), secret: secret, now: now)
        #expect(inspection.verdict?.code == .tokenExpired)
        let failed = inspection.checks.filter { if case .failed = $0.outcome { true } else { false } }.map(\.name)
        #expect(failed == ["exp", "name"])
        #expect(inspection.claims?.contains("alice@acme.example") == true)

        let unsigned = TokenInspection.inspect(token(claims()), secret: nil, now: now)
        #expect(unsigned.verdict == nil)
        #expect(unsigned.checks.contains { $0.name == "signature" && $0.outcome == .skipped("no --secret given") })

        let garbage = TokenInspection.inspect("not a token", secret: secret, now: now)
        #expect(garbage.verdict?.code == .malformedToken)
        #expect(garbage.header == nil)
    }
}

@Suite("Widget session tokens")
struct WidgetSessionTokenTests {
    let claims = WidgetSessionClaims(sessionID: WidgetSessionToken.newSessionID(), accountID: 7, widgetID: 3,
                                     contactID: 42, issuedAt: 1_800_000_000, expiresAt: 1_800_003_600)

    @Test("A session token round-trips with its account's secret and fails with any other")
    func roundTrip() {
        let token = WidgetSessionToken.issue(claims, secret: "secret-one")
        #expect(WidgetSessionToken.claimedAccountID(token) == 7)
        #expect(WidgetSessionToken.verify(token, secret: "secret-one") == claims)
        #expect(WidgetSessionToken.verify(token, secret: "secret-two") == nil)
    }

    @Test("Tampered or malformed session tokens are refused")
    func tampering() {
        let token = WidgetSessionToken.issue(claims, secret: "s")
        let parts = token.split(separator: ".").map(String.init)
        let forgedBody = Base64URL.encode(Array("\(claims.sessionID):7:3:43:1800000000:1800003600".utf8))
        #expect(WidgetSessionToken.verify([parts[0], forgedBody, parts[2]].joined(separator: "."), secret: "s") == nil)
        #expect(WidgetSessionToken.verify(String(token.dropLast(2)), secret: "s") == nil)
        for garbage in ["", "lws1", "lws1..", "a.b.c", "lws2." + parts[1] + "." + parts[2], token + ".x", String(repeating: "a", count: 5000)] {
            #expect(WidgetSessionToken.verify(garbage, secret: "s") == nil)
        }
        #expect(WidgetSessionToken.newSessionID() != WidgetSessionToken.newSessionID())
    }
}
