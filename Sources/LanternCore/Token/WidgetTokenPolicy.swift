import Crypto
import Foundation

/// Lantern's policy for the JWTs a customer's server signs to sign a user in to the widget:
/// compact JWS with no `crit` header, `alg` exactly HS256, claims `name`, `email`, `exp` (at most two hours ahead),
/// optional `iat`, `nbf`, `jti`, 60 seconds of clock skew, and at most 8 KiB.
public struct WidgetTokenPolicy: Sendable {
    public static let standard = WidgetTokenPolicy()

    public var maximumTokenBytes = 8 * 1024
    public var maximumLifetime: Int64 = 2 * 60 * 60
    public var clockSkew: Int64 = 60
    /// The longest `name`, in characters (grapheme clusters) and in Unicode scalars: four scalars a character
    /// leave room for any script's combining sequences and for emoji sequences, not for a tower of marks.
    public static let maximumNameLength = 255
    public static let maximumNameScalars = 4 * maximumNameLength

    public init() {}

    /// Verifies `token` with the account's shared secret at `now`; throws the first rule it breaks.
    public func verify(_ token: String, secret: String, now: Date = Date()) throws(TokenRejection) -> VerifiedIdentity {
        try verify(token, key: Array(secret.utf8), now: now)
    }

    /// Verifies with raw key bytes (a shared secret is used as its UTF-8 bytes).
    public func verify(_ token: String, key: [UInt8], now: Date = Date()) throws(TokenRejection) -> VerifiedIdentity {
        let parsed = try parse(token)
        try checkAlgorithm(parsed)
        try checkSignature(parsed, key: key)
        let claims = parsed.claims, clock = Self.seconds(now)
        // The same order as `claimChecks`, which `lantern token inspect` runs one by one.
        let expiresAt = try checkExpiry(claims, now: clock)
        try checkNotInFuture(claims, claim: "nbf", now: clock, meaning: Self.nbfMeaning)
        try checkNotInFuture(claims, claim: "iat", now: clock, meaning: Self.iatMeaning)
        let name = try Self.checkName(claims)
        let email = try Self.checkEmail(claims)
        let tokenID = try Self.checkTokenID(claims)
        return VerifiedIdentity(name: name, email: email, expiresAt: expiresAt, tokenID: tokenID)
    }

    static let nbfMeaning = "the token may not be used before"
    static let iatMeaning = "the token claims to be issued at"

    // MARK: - The checks, in the order they apply

    /// A token split into its parts; header and claims are JSON objects.
    public struct ParsedToken: Sendable {
        public let header: [String: JSONValue]
        public let claims: [String: JSONValue]
        let signingInput: ArraySlice<UInt8>
        let signature: [UInt8]
    }

    /// Size, three segments, base64url, JSON objects for the header and the claims, and no `crit` in the header.
    ///
    /// A header with `crit` names extensions the recipient must understand or refuse the JWS (RFC 7515 §4.1.11);
    /// Lantern understands none, so the token is not one Lantern can process: `malformed_token`, like any other
    /// structural refusal (`unsupported_algorithm` is about `alg` alone, and claims are the payload's). Being a
    /// structure check, it runs before the signature, as the documented order has it.
    public func parse(_ token: String) throws(TokenRejection) -> ParsedToken {
        let bytes = Array(token.utf8)
        guard bytes.count <= maximumTokenBytes else {
            throw TokenRejection(.malformedToken, "The token is \(bytes.count) bytes long; the limit is \(maximumTokenBytes) bytes. Put only name, email and exp (and optionally iat, nbf, jti) in it.")
        }
        guard !bytes.isEmpty else {
            throw TokenRejection(.malformedToken, "The token is empty. Pass the compact JWS your server signed (header.payload.signature).")
        }
        var dots: [Int] = []
        dots.reserveCapacity(2)
        for index in bytes.indices where bytes[index] == UInt8(ascii: ".") { dots.append(index) }
        guard dots.count == 2 else {
            throw TokenRejection(.malformedToken, "A JWT has three dot-separated segments (header.payload.signature); this one has \(dots.count + 1).")
        }
        let headerText = bytes[..<dots[0]]
        let payloadText = bytes[(dots[0] + 1)..<dots[1]]
        let signatureText = bytes[(dots[1] + 1)...]
        guard let headerBytes = Base64URL.decode(headerText) else {
            throw TokenRejection(.malformedToken, "The header segment is not valid unpadded base64url.")
        }
        guard let payloadBytes = Base64URL.decode(payloadText) else {
            throw TokenRejection(.malformedToken, "The payload segment is not valid unpadded base64url.")
        }
        guard let signature = Base64URL.decode(signatureText) else {
            throw TokenRejection(.malformedToken, "The signature segment is not valid unpadded base64url.")
        }
        guard case .object(let header)? = JSONValue.parse(headerBytes) else {
            throw TokenRejection(.malformedToken, "The header is not a JSON object.")
        }
        guard case .object(let claims)? = JSONValue.parse(payloadBytes) else {
            throw TokenRejection(.malformedToken, "The payload is not a JSON object of claims.")
        }
        guard header["crit"] == nil else {
            throw TokenRejection(.malformedToken, "The header has crit: Lantern understands no JWS extension. Send the header {\"alg\":\"HS256\",\"typ\":\"JWT\"} without crit.")
        }
        return ParsedToken(header: header, claims: claims, signingInput: bytes[..<dots[1]], signature: signature)
    }

    /// `alg` must be exactly `HS256`, whatever the key.
    public func checkAlgorithm(_ parsed: ParsedToken) throws(TokenRejection) {
        switch parsed.header["alg"] {
        case .string("HS256")?:
            return
        case .string(let other)?:
            throw TokenRejection(.unsupportedAlgorithm, "The header's alg is \"\(other.prefix(20))\"; Lantern accepts only HS256 (HMAC with SHA-256).")
        case nil:
            throw TokenRejection(.unsupportedAlgorithm, "The header has no alg; sign with HS256 and set \"alg\": \"HS256\".")
        case let other?:
            throw TokenRejection(.unsupportedAlgorithm, "The header's alg is \(other.typeName); it must be the string \"HS256\".")
        }
    }

    /// HMAC-SHA256 over `header.payload` with the secret's UTF-8 bytes, compared in constant time.
    public func checkSignature(_ parsed: ParsedToken, key: [UInt8]) throws(TokenRejection) {
        let valid = parsed.signature.count == SHA256.byteCount
            && HMAC<SHA256>.isValidAuthenticationCode(parsed.signature, authenticating: parsed.signingInput,
                                                      using: SymmetricKey(data: key))
        guard valid else {
            throw TokenRejection(.invalidSignature, "The signature does not match: sign header.payload with HS256 using the account's current shared secret (it changes when the secret is reset).")
        }
    }

    /// One named rule about the claims.
    public struct ClaimCheck: Sendable {
        public let name: String
        let run: @Sendable ([String: JSONValue], Int64) throws(TokenRejection) -> Void
    }

    /// The claim rules, in order: exp, nbf, iat, name, email, jti.
    public var claimChecks: [ClaimCheck] {
        let policy = self
        return [
            ClaimCheck(name: "exp") { claims, now throws(TokenRejection) in _ = try policy.checkExpiry(claims, now: now) },
            ClaimCheck(name: "nbf") { claims, now throws(TokenRejection) in
                try policy.checkNotInFuture(claims, claim: "nbf", now: now, meaning: Self.nbfMeaning)
            },
            ClaimCheck(name: "iat") { claims, now throws(TokenRejection) in
                try policy.checkNotInFuture(claims, claim: "iat", now: now, meaning: Self.iatMeaning)
            },
            ClaimCheck(name: "name") { claims, _ throws(TokenRejection) in _ = try Self.checkName(claims) },
            ClaimCheck(name: "email") { claims, _ throws(TokenRejection) in _ = try Self.checkEmail(claims) },
            ClaimCheck(name: "jti") { claims, _ throws(TokenRejection) in _ = try Self.checkTokenID(claims) },
        ]
    }

    /// The expiry in whole seconds, if within the policy.
    func checkExpiry(_ claims: [String: JSONValue], now: Int64) throws(TokenRejection) -> Int64 {
        guard let value = claims["exp"] else {
            throw TokenRejection(.missingClaim, "Claim exp is missing: set it to the expiry time in seconds since 1970, at most two hours from now.")
        }
        guard case .number(let exp) = value else {
            throw TokenRejection(.invalidClaim, "Claim exp must be a number of seconds since 1970 (a NumericDate), not \(value.typeName).")
        }
        if exp < Double(now - clockSkew) {
            throw TokenRejection(.tokenExpired, "The token expired \(Self.duration(Double(now) - exp)) ago (exp \(Self.format(exp)), server time \(now)). Mint a fresh token for each sign-in and renewal; check your server's clock.")
        }
        let latest = now + maximumLifetime + clockSkew
        if exp > Double(latest) {
            let hint = exp > 100_000_000_000
                ? " It looks like milliseconds: exp must be in seconds since 1970."
                : " Set exp to at most two hours (\(maximumLifetime) s) from now."
            throw TokenRejection(.expiryTooFar, "Claim exp \(Self.format(exp)) is \(Self.duration(exp - Double(now))) ahead of the server's clock (\(now)); the limit is two hours.\(hint)")
        }
        return Int64(exp.rounded(.down))
    }

    func checkNotInFuture(_ claims: [String: JSONValue], claim: String, now: Int64, meaning: String) throws(TokenRejection) {
        guard let value = claims[claim] else { return }
        guard case .number(let time) = value else {
            throw TokenRejection(.invalidClaim, "Claim \(claim) must be a number of seconds since 1970 (a NumericDate), not \(value.typeName).")
        }
        if time > Double(now + clockSkew) {
            throw TokenRejection(.tokenNotYetValid, "Claim \(claim) is \(Self.format(time)): \(meaning) \(Self.duration(time - Double(now))) in the future by the server's clock (\(now)). Check your server's clock, or leave \(claim) out.")
        }
    }

    /// The display name, trimmed: at most `maximumNameLength` characters and `maximumNameScalars` scalars.
    static func checkName(_ claims: [String: JSONValue]) throws(TokenRejection) -> String {
        guard let value = claims["name"] else {
            throw TokenRejection(.missingClaim, "Claim name is missing: set it to the user's display name.")
        }
        guard case .string(let name) = value else {
            throw TokenRejection(.invalidClaim, "Claim name must be a string, not \(value.typeName).")
        }
        let trimmed = name.trimmedOfWhitespace
        guard !trimmed.isEmpty else {
            throw TokenRejection(.invalidClaim, "Claim name is empty: set it to the user's display name.")
        }
        let characters = trimmed.count, scalars = trimmed.unicodeScalars.count
        guard characters <= maximumNameLength, scalars <= maximumNameScalars else {
            throw TokenRejection(.invalidClaim, "Claim name is \(characters) characters (\(scalars) Unicode code points) long; the limits are \(maximumNameLength) characters and \(maximumNameScalars) code points.")
        }
        guard !trimmed.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else {
            throw TokenRejection(.invalidClaim, "Claim name contains control characters.")
        }
        return trimmed
    }

    static func checkEmail(_ claims: [String: JSONValue]) throws(TokenRejection) -> EmailAddress {
        guard let value = claims["email"] else {
            throw TokenRejection(.missingClaim, "Claim email is missing: set it to the user's e-mail address.")
        }
        guard case .string(let email) = value else {
            throw TokenRejection(.invalidClaim, "Claim email must be a string, not \(value.typeName).")
        }
        guard email.utf8.count <= EmailAddress.maximumLength else {
            throw TokenRejection(.invalidClaim, "Claim email is \(email.utf8.count) bytes long; the limit is \(EmailAddress.maximumLength).")
        }
        guard let address = EmailAddress(email) else {
            throw TokenRejection(.invalidClaim, "Claim email is not a valid e-mail address.")
        }
        return address
    }

    /// `jti`, optional, must be a string.
    static func checkTokenID(_ claims: [String: JSONValue]) throws(TokenRejection) -> String? {
        switch claims["jti"] {
        case nil: return nil
        case .string(let jti)?: return jti
        case let other?: throw TokenRejection(.invalidClaim, "Claim jti must be a string, not \(other.typeName).")
        }
    }

    static func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }

    static func format(_ time: Double) -> String {
        time.rounded() == time && abs(time) < 1e18 ? String(Int64(time)) : String(time)
    }

    /// "3 h 2 min", "90 s": how far off a time is, for messages.
    static func duration(_ seconds: Double) -> String {
        guard seconds < 1e12 else { return "more than 30,000 years" }
        let whole = Int64(seconds.rounded())
        if whole < 120 { return "\(whole) s" }
        let minutes = whole / 60
        if minutes < 120 { return "\(minutes) min" }
        let hours = minutes / 60
        if hours < 72 { return "\(hours) h \(minutes % 60) min" }
        return "\(hours / 24) days"
    }
}
