import Crypto
import Foundation

/// Widget session tokens: `lws1.<claims>.<mac>`, MACed with a key derived from the account's shared secret.
/// Resetting the secret therefore ends every session of the account on every server at once, with no session
/// table to sweep; a logout adds the session id to a revocation list that every server consults.
public enum WidgetSessionToken {
    static let version = "lws1"
    static let maximumLength = 256

    /// Signs `claims` for an account whose current shared secret is `secret`.
    public static func issue(_ claims: WidgetSessionClaims, secret: String) -> String {
        let body = [claims.sessionID, String(claims.accountID), String(claims.widgetID), String(claims.contactID),
                    String(claims.issuedAt), String(claims.expiresAt)].joined(separator: ":")
        let signingInput = version + "." + Base64URL.encode(Array(body.utf8))
        return signingInput + "." + Base64URL.encode(Array(mac(signingInput, secret: secret)))
    }

    /// The account a token claims to belong to, read without verifying it (to find the key that verifies it).
    public static func claimedAccountID(_ token: String) -> Int? {
        decode(token)?.claims.accountID
    }

    /// The session id a token claims, read without verifying it.
    public static func claimedSessionID(_ token: String) -> String? {
        decode(token)?.claims.sessionID
    }

    /// The claims, if `token` is well formed and was signed with `secret`. Says nothing about expiry or revocation.
    public static func verify(_ token: String, secret: String) -> WidgetSessionClaims? {
        guard let decoded = decode(token) else { return nil }
        let key = SymmetricKey(data: derivedKey(secret))
        guard decoded.signature.count == SHA256.byteCount,
              HMAC<SHA256>.isValidAuthenticationCode(decoded.signature, authenticating: Array(decoded.signingInput.utf8), using: key)
        else { return nil }
        return decoded.claims
    }

    /// A fresh random session id.
    public static func newSessionID() -> String {
        SecretGenerator.hex(SecretGenerator.randomBytes(16))
    }

    private static func decode(_ token: String) -> (claims: WidgetSessionClaims, signingInput: Substring, signature: [UInt8])? {
        guard token.utf8.count <= maximumLength else { return nil }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == version,
              let bodyBytes = Base64URL.decode(Array(parts[1].utf8)),
              let signature = Base64URL.decode(Array(parts[2].utf8)) else { return nil }
        let fields = String(decoding: bodyBytes, as: UTF8.self).split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0].count == 32,
              let accountID = Int(fields[1]), let widgetID = Int(fields[2]), let contactID = Int(fields[3]),
              let issuedAt = Int64(fields[4]), let expiresAt = Int64(fields[5]) else { return nil }
        let claims = WidgetSessionClaims(sessionID: String(fields[0]), accountID: accountID, widgetID: widgetID,
                                         contactID: contactID, issuedAt: issuedAt, expiresAt: expiresAt)
        let signingInput = token[..<token.lastIndex(of: ".")!]
        return (claims, signingInput, signature)
    }

    private static func derivedKey(_ secret: String) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Array("lantern widget session v1".utf8),
                                              using: SymmetricKey(data: Array(secret.utf8))))
    }

    private static func mac(_ signingInput: String, secret: String) -> HashedAuthenticationCode<SHA256> {
        HMAC<SHA256>.authenticationCode(for: Array(signingInput.utf8), using: SymmetricKey(data: derivedKey(secret)))
    }
}
