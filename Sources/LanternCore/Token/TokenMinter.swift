import Crypto
import Foundation

/// Signs HS256 widget tokens, as a customer's server does (used by `lantern token mint`, the demo site and tests).
public enum TokenMinter {
    /// A compact JWS over `claims` (serialised with sorted keys) with header `{"alg":"HS256","typ":"JWT"}`.
    public static func sign(claims: [String: JSONValue], secret: String, header: [String: JSONValue] = ["alg": .string("HS256"), "typ": .string("JWT")]) -> String {
        let signingInput = Base64URL.encode(Array(JSONValue.object(header).serialized.utf8)) + "."
            + Base64URL.encode(Array(JSONValue.object(claims).serialized.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Array(signingInput.utf8), using: SymmetricKey(data: Array(secret.utf8)))
        return signingInput + "." + Base64URL.encode(Array(mac))
    }

    /// A token for `name` / `email` that expires `lifetime` seconds after `now`, with `iat`.
    public static func mint(name: String, email: String, secret: String, lifetime: Int64 = 3600, now: Date = Date()) -> String {
        let issuedAt = Int64(now.timeIntervalSince1970.rounded(.down))
        return sign(claims: [
            "name": .string(name), "email": .string(email),
            "iat": .number(Double(issuedAt)), "exp": .number(Double(issuedAt + lifetime)),
        ], secret: secret)
    }
}
