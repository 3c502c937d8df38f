import Testing
@testable import LanternCore

@Suite("Secrets and base64url")
struct SecretAndEncodingTests {
    @Test("Shared secrets carry 256 random bits as hex and never repeat")
    func sharedSecrets() {
        let secrets = (0..<200).map { _ in SecretGenerator.sharedSecret() }
        #expect(Set(secrets).count == secrets.count)
        for secret in secrets {
            #expect(secret.count == 64)
            #expect(secret.allSatisfy { "0123456789abcdef".contains($0) })
        }
    }

    @Test("API keys and session tokens carry 256 random bits")
    func keys() {
        let key = SecretGenerator.apiKey()
        #expect(key.hasPrefix("lantern_"))
        #expect(Base64URL.decode(String(key.dropFirst(8)))?.count == 32)
        #expect(Base64URL.decode(SecretGenerator.sessionToken())?.count == 32)
        #expect(SecretGenerator.apiKey() != key)
    }

    @Test("base64url round-trips every length and matches RFC 4648 test vectors")
    func roundTrip() {
        let vectors: [(String, String)] = [("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"),
                                           ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy")]
        for (plain, encoded) in vectors {
            #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
            #expect(Base64URL.decode(encoded) == Array(plain.utf8))
        }
        let bytes: [UInt8] = [0xfb, 0xff, 0xfe, 0x00, 0x3e, 0x3f]
        #expect(Base64URL.encode(bytes) == "-__-AD4_")
        for length in 0..<70 {
            let random = SecretGenerator.randomBytes(length)
            #expect(Base64URL.decode(Base64URL.encode(random)) == random)
        }
    }

    @Test("Invalid base64url is rejected", arguments: ["Zg==", "Z", "Zm9v!", "Zm+v", "Zm/v", "Zh", "Zm9=", "a b"])
    func rejects(text: String) {
        #expect(Base64URL.decode(text) == nil)
    }

    @Test("Hex encoding")
    func hex() {
        #expect(SecretGenerator.hex([0x00, 0x0f, 0xa5, 0xff]) == "000fa5ff")
    }
}
