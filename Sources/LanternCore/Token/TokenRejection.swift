/// Why a customer's widget JWT was refused. Every rejection is answered as HTTP 401 with `code.rawValue`.
public struct TokenRejection: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, CaseIterable {
        case malformedToken = "malformed_token"
        case unsupportedAlgorithm = "unsupported_algorithm"
        case invalidSignature = "invalid_signature"
        case tokenExpired = "token_expired"
        case expiryTooFar = "expiry_too_far"
        case tokenNotYetValid = "token_not_yet_valid"
        case missingClaim = "missing_claim"
        case invalidClaim = "invalid_claim"
    }

    public let code: Code
    /// Tells the integrator what to fix; never contains the secret or the whole token.
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
