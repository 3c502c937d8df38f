import Crypto
import Fluent
import Foundation
import LanternCore
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// Hostile and broken customer tokens, each with the exact rejection code the session endpoint must answer.
enum TokenCorpus {
    struct Case: Sendable, CustomTestStringConvertible {
        let label: String
        let token: String
        let code: String
        var testDescription: String { label }
    }

    static func segment(_ text: String) -> String { Base64URL.encode(Array(text.utf8)) }

    static func hs256(_ header: String, _ payload: String, secret: String) -> String {
        let input = segment(header) + "." + segment(payload)
        let mac = HMAC<SHA256>.authenticationCode(for: Array(input.utf8), using: SymmetricKey(data: Array(secret.utf8)))
        return input + "." + Base64URL.encode(Array(mac))
    }

    static func cases(secret: String, now: Int64 = Int64(Date().timeIntervalSince1970)) -> [Case] {
        let header = #"{"alg":"HS256","typ":"JWT"}"#
        func payload(exp: String = "\(now + 3600)", name: String = #""Alice""#, email: String = #""alice@acme.example""#, extra: String = "") -> String {
            #"{"name":\#(name),"email":\#(email),"exp":\#(exp)\#(extra)}"#
        }
        let good = hs256(header, payload(), secret: secret)
        let parts = good.split(separator: ".").map(String.init)
        let hs512Input = segment(#"{"alg":"HS512","typ":"JWT"}"#) + "." + segment(payload())
        let hs512 = hs512Input + "." + Base64URL.encode(Array(HMAC<SHA512>.authenticationCode(
            for: Array(hs512Input.utf8), using: SymmetricKey(data: Array(secret.utf8)))))
        let hs384Input = segment(#"{"alg":"HS384"}"#) + "." + segment(payload())
        let hs384 = hs384Input + "." + Base64URL.encode(Array(HMAC<SHA384>.authenticationCode(
            for: Array(hs384Input.utf8), using: SymmetricKey(data: Array(secret.utf8)))))
        let alteredPayload = segment(payload(email: #""mallory@acme.example""#))

        return [
            Case(label: "alg none, unsigned", token: segment(#"{"alg":"none"}"#) + "." + segment(payload()) + ".", code: "unsupported_algorithm"),
            Case(label: "alg none with the real signature", token: segment(#"{"alg":"none"}"#) + "." + parts[1] + "." + parts[2], code: "unsupported_algorithm"),
            Case(label: "alg HS512, signed with the secret", token: hs512, code: "unsupported_algorithm"),
            Case(label: "alg HS384, signed with the secret", token: hs384, code: "unsupported_algorithm"),
            Case(label: "alg RS256", token: segment(#"{"alg":"RS256","typ":"JWT"}"#) + "." + segment(payload()) + "." + Base64URL.encode(SecretGenerator.randomBytes(256)), code: "unsupported_algorithm"),
            Case(label: "missing alg", token: hs256(#"{"typ":"JWT"}"#, payload(), secret: secret), code: "unsupported_algorithm"),
            Case(label: "alg in lower case", token: hs256(#"{"alg":"hs256"}"#, payload(), secret: secret), code: "unsupported_algorithm"),
            Case(label: "alg as a number", token: hs256(#"{"alg":256}"#, payload(), secret: secret), code: "unsupported_algorithm"),
            Case(label: "empty token", token: "", code: "malformed_token"),
            Case(label: "bad base64 in the header", token: "eyJhbGciOi*JIUzI1NiJ9." + parts[1] + "." + parts[2], code: "malformed_token"),
            Case(label: "bad base64 in the payload", token: parts[0] + ".eyJuYW1lIjo!" + "." + parts[2], code: "malformed_token"),
            Case(label: "padded base64", token: parts[0] + "=." + parts[1] + "." + parts[2], code: "malformed_token"),
            Case(label: "two segments", token: parts[0] + "." + parts[1], code: "malformed_token"),
            Case(label: "four segments", token: good + "." + parts[2], code: "malformed_token"),
            Case(label: "one segment", token: parts[1], code: "malformed_token"),
            Case(label: "header is a JSON string", token: hs256(#""HS256""#, payload(), secret: secret), code: "malformed_token"),
            Case(label: "payload is a JSON array", token: hs256(header, #"["Alice","alice@acme.example"]"#, secret: secret), code: "malformed_token"),
            Case(label: "payload is not JSON", token: hs256(header, "name=Alice;email=alice@acme.example", secret: secret), code: "malformed_token"),
            Case(label: "payload with duplicate claims", token: hs256(header, payload(extra: #","email":"mallory@acme.example""#), secret: secret), code: "malformed_token"),
            Case(label: "9 KiB token", token: hs256(header, payload(extra: #","pad":""# + "\"" + String(repeating: "x", count: 9 * 1024) + "\""), secret: secret), code: "malformed_token"),
            Case(label: "signature by another secret", token: hs256(header, payload(), secret: secret + "x"), code: "invalid_signature"),
            Case(label: "truncated signature", token: parts[0] + "." + parts[1] + "." + String(parts[2].prefix(20)), code: "invalid_signature"),
            Case(label: "empty signature", token: parts[0] + "." + parts[1] + ".", code: "invalid_signature"),
            Case(label: "payload altered after signing", token: parts[0] + "." + alteredPayload + "." + parts[2], code: "invalid_signature"),
            Case(label: "exp as a string", token: hs256(header, payload(exp: "\"\(now + 3600)\""), secret: secret), code: "invalid_claim"),
            Case(label: "exp in milliseconds", token: hs256(header, payload(exp: "\((now + 3600) * 1000)"), secret: secret), code: "expiry_too_far"),
            Case(label: "expired an hour ago", token: hs256(header, payload(exp: "\(now - 3600)"), secret: secret), code: "token_expired"),
            Case(label: "expired beyond the skew", token: hs256(header, payload(exp: "\(now - 120)"), secret: secret), code: "token_expired"),
            Case(label: "exp two hours and two minutes ahead", token: hs256(header, payload(exp: "\(now + 7320)"), secret: secret), code: "expiry_too_far"),
            Case(label: "nbf in the future", token: hs256(header, payload(extra: #","nbf":\#(now + 600)"#), secret: secret), code: "token_not_yet_valid"),
            Case(label: "iat in the future", token: hs256(header, payload(extra: #","iat":\#(now + 600)"#), secret: secret), code: "token_not_yet_valid"),
            Case(label: "nbf as a string", token: hs256(header, payload(extra: #","nbf":"yesterday""#), secret: secret), code: "invalid_claim"),
            Case(label: "missing exp", token: hs256(header, #"{"name":"Alice","email":"alice@acme.example"}"#, secret: secret), code: "missing_claim"),
            Case(label: "missing name", token: hs256(header, #"{"email":"alice@acme.example","exp":\#(now + 60)}"#, secret: secret), code: "missing_claim"),
            Case(label: "missing email", token: hs256(header, #"{"name":"Alice","exp":\#(now + 60)}"#, secret: secret), code: "missing_claim"),
            Case(label: "empty name", token: hs256(header, payload(name: #""""#), secret: secret), code: "invalid_claim"),
            Case(label: "blank name", token: hs256(header, payload(name: #""   ""#), secret: secret), code: "invalid_claim"),
            Case(label: "name of 256 characters", token: hs256(header, payload(name: "\"" + String(repeating: "n", count: 256) + "\""), secret: secret), code: "invalid_claim"),
            Case(label: "name as an object", token: hs256(header, payload(name: #"{"first":"Alice"}"#), secret: secret), code: "invalid_claim"),
            Case(label: "bad email", token: hs256(header, payload(email: #""alice at acme""#), secret: secret), code: "invalid_claim"),
            Case(label: "email as a number", token: hs256(header, payload(email: "42"), secret: secret), code: "invalid_claim"),
            Case(label: "email of 255 bytes", token: hs256(header, payload(email: "\"" + String(repeating: "e", count: 64) + "@" + String(repeating: "d", count: 186) + ".com\""), secret: secret), code: "invalid_claim"),
            Case(label: "jti as a number", token: hs256(header, payload(extra: #","jti":7"#), secret: secret), code: "invalid_claim"),
        ]
    }
}

@Suite("Token corpus")
struct TokenCorpusTests {
    @Test("At least 25 hostile or broken tokens are refused with their exact code, never a 5xx")
    func corpusOverHTTP() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let corpus = TokenCorpus.cases(secret: account.sharedSecret)
            #expect(corpus.count >= 25)
            for testCase in corpus {
                let response = try await app.postSession(widgetID: account.widgetID, token: testCase.token)
                #expect(response.status == .unauthorized, "\(testCase.label): \(response.status)")
                #expect(response.error?.code == testCase.code, "\(testCase.label): \(response.body.string)")
                let message = response.error?.message ?? ""
                #expect(!message.isEmpty)
                #expect(!message.contains(account.sharedSecret), "\(testCase.label) leaks the secret")
                if testCase.token.count > 40 {
                    #expect(!message.contains(testCase.token), "\(testCase.label) echoes the token")
                }
            }
            // Nothing was signed in: no contact was created by any of them.
            #expect(try await Contact.query(on: app.db).filter(\.$accountID == account.accountID).count() == 0)
        }
    }

    @Test("The same corpus is refused by the policy itself with the same codes")
    func corpusInProcess() {
        let secret = SecretGenerator.sharedSecret()
        for testCase in TokenCorpus.cases(secret: secret) {
            do {
                _ = try WidgetTokenPolicy.standard.verify(testCase.token, secret: secret)
                Issue.record("\(testCase.label) was accepted")
            } catch {
                #expect(error.code.rawValue == testCase.code, "\(testCase.label): \(error)")
            }
            // `lantern token inspect` runs the same checks one by one and must reach the same verdict.
            let inspection = TokenInspection.inspect(testCase.token, secret: secret)
            #expect(inspection.verdict?.code.rawValue == testCase.code, "\(testCase.label): inspection disagrees")
        }
    }

    @Test("missing_claim and invalid_claim messages name the claim")
    func claimNames() async throws {
        let secret = SecretGenerator.sharedSecret()
        let byLabel = Dictionary(uniqueKeysWithValues: TokenCorpus.cases(secret: secret).map { ($0.label, $0.token) })
        let expectations = ["missing exp": "exp", "missing name": "name", "missing email": "email", "empty name": "name",
                            "bad email": "email", "exp as a string": "exp", "nbf as a string": "nbf", "jti as a number": "jti"]
        for (label, claim) in expectations {
            do {
                _ = try WidgetTokenPolicy.standard.verify(byLabel[label]!, secret: secret)
                Issue.record("\(label) was accepted")
            } catch {
                #expect(error.message.contains(claim), "\(label): \(error.message)")
            }
        }
    }
}
