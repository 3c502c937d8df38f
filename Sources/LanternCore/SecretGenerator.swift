/// Generates the random credentials Lantern hands out, from the system's cryptographic random source.
public enum SecretGenerator {
    /// A 256-bit shared secret as 64 lower-case hex characters (used as the HMAC key's UTF-8 bytes).
    public static func sharedSecret() -> String {
        hex(randomBytes(32))
    }

    /// An API key: `lantern_` followed by 256 random bits in base64url.
    public static func apiKey() -> String {
        "lantern_" + Base64URL.encode(randomBytes(32))
    }

    /// An opaque session token: 256 random bits in base64url.
    public static func sessionToken() -> String {
        Base64URL.encode(randomBytes(32))
    }

    public static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
