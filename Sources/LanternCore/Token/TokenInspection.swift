import Foundation

/// Every check of the widget token policy applied to one token, for `lantern token inspect`: an integrator sees
/// the decoded token and why it would be refused, not only the first reason.
public struct TokenInspection: Sendable {
    public enum Outcome: Equatable, Sendable {
        case passed(String)
        case failed(TokenRejection)
        case skipped(String)
    }

    public struct Check: Sendable {
        public let name: String
        public let outcome: Outcome
    }

    /// The decoded header and claims as JSON text, when the token could be parsed.
    public let header: String?
    public let claims: String?
    public let checks: [Check]

    /// The rejection the server would answer with (the first failed check), or `nil` if the token is accepted.
    /// Without a secret the signature is not checked, so `nil` then means "acceptable apart from the signature".
    public var verdict: TokenRejection? {
        for check in checks { if case .failed(let rejection) = check.outcome { return rejection } }
        return nil
    }

    public static func inspect(_ token: String, secret: String?, policy: WidgetTokenPolicy = .standard, now: Date = Date()) -> TokenInspection {
        let parsed: WidgetTokenPolicy.ParsedToken
        do {
            parsed = try policy.parse(token)
        } catch {
            return TokenInspection(header: nil, claims: nil, checks: [Check(name: "structure", outcome: .failed(error))])
        }
        var checks = [Check(name: "structure", outcome: .passed("\(token.utf8.count) bytes, three base64url segments, JSON header and claims"))]
        checks.append(Check(name: "alg", outcome: outcome("HS256") { () throws(TokenRejection) in try policy.checkAlgorithm(parsed) }))
        if let secret {
            checks.append(Check(name: "signature", outcome: outcome("matches the secret") { () throws(TokenRejection) in
                try policy.checkSignature(parsed, key: Array(secret.utf8))
            }))
        } else {
            checks.append(Check(name: "signature", outcome: .skipped("no --secret given")))
        }
        let clock = WidgetTokenPolicy.seconds(now)
        for claimCheck in policy.claimChecks {
            let present = parsed.claims[claimCheck.name].map { "\($0.serialized)" } ?? "absent (optional)"
            checks.append(Check(name: claimCheck.name, outcome: outcome(present) { () throws(TokenRejection) in
                try claimCheck.run(parsed.claims, clock)
            }))
        }
        return TokenInspection(header: JSONValue.object(parsed.header).serialized,
                               claims: JSONValue.object(parsed.claims).serialized, checks: checks)
    }

    private static func outcome(_ passed: String, _ check: () throws(TokenRejection) -> Void) -> Outcome {
        do {
            try check()
            return .passed(passed)
        } catch {
            return .failed(error)
        }
    }
}
