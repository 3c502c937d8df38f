// Sign a Lantern widget token (HS256 JWT) on your server, in Swift with swift-crypto.
//
// In Package.swift:
//   .package(url: "https://github.com/apple/swift-crypto.git", "3.12.0" ..< "5.0.0")
//   .product(name: "Crypto", package: "swift-crypto")   // in your target's dependencies
//
// Your server calls lanternToken(name:email:secret:) for the signed-in user and hands the result to the page,
// which passes it to the widget with Lantern('authenticate', { token, callback }). Never send the shared secret
// to the browser: it stays on your server.
//
// Try it (in the Lantern repository this file is the `lantern-token-example` executable):
//   LANTERN_SHARED_SECRET=... LANTERN_USER_NAME='Ada Lovelace' LANTERN_USER_EMAIL=ada@example.com \
//     swift run lantern-token-example

import Crypto
import Foundation

/// The JOSE header: Lantern accepts HS256 and no other algorithm.
struct LanternTokenHeader: Encodable {
    let alg = "HS256"
    let typ = "JWT"
}

/// The claims. NumericDates are whole SECONDS since 1970, encoded as JSON integers.
struct LanternTokenClaims: Encodable {
    let name: String  // the user's display name (1 to 255 characters)
    let email: String // the user's e-mail address: Lantern finds or creates the contact by it
    let iat: Int      // issued at (optional in Lantern's policy)
    let exp: Int      // expiry, at most 7200 s from now
}

/// Unpadded base64url (RFC 4648 §5), as JWTs use it.
func base64URL(_ data: Data) -> String {
    data.base64EncodedString()
        .replacingOccurrences(of: "+", with: "-")
        .replacingOccurrences(of: "/", with: "_")
        .replacingOccurrences(of: "=", with: "")
}

/// A signed token that vouches for one user: claims name, email, exp and iat.
/// - Parameters:
///   - secret: the shared secret from Lantern (`lantern secret show`, or GET /api/v2/settings/widget_security),
///     used as-is: the HMAC key is the secret string's UTF-8 bytes, not the hex decoded.
///   - lifetime: seconds until expiry; Lantern refuses tokens that expire more than two hours (7200 s) ahead.
func lanternToken(name: String, email: String, secret: String, lifetime: Int = 3600, now: Date = Date()) throws -> String {
    let issuedAt = Int(now.timeIntervalSince1970.rounded(.down))
    let claims = LanternTokenClaims(name: name, email: email, iat: issuedAt, exp: issuedAt + lifetime)

    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let signingInput = base64URL(try encoder.encode(LanternTokenHeader())) + "."
        + base64URL(try encoder.encode(claims))

    let key = SymmetricKey(data: Data(secret.utf8))
    let mac = HMAC<SHA256>.authenticationCode(for: Data(signingInput.utf8), using: key)
    return signingInput + "." + base64URL(Data(mac))
}

// MARK: - A tiny command line: reads the environment, prints only the token.

/// The value of an environment variable, or a message and exit status 2 when it is missing.
func required(_ variable: String) -> String {
    guard let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty else {
        FileHandle.standardError.write(Data("lantern-token-example: set \(variable)\n".utf8))
        exit(2)
    }
    return value
}

let lifetime = Int(ProcessInfo.processInfo.environment["LANTERN_TOKEN_TTL"] ?? "3600") ?? 3600
let token = try lanternToken(
    name: required("LANTERN_USER_NAME"),
    email: required("LANTERN_USER_EMAIL"),
    secret: required("LANTERN_SHARED_SECRET"),
    lifetime: lifetime
)
print(token)
