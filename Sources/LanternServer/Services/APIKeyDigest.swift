import Crypto
import Foundation
import LanternCore

/// API keys and session tokens are high-entropy, so a plain SHA-256 digest is a safe way to store and look them up.
enum APIKeyDigest {
    static func of(_ secret: String) -> String {
        SecretGenerator.hex(SHA256.hash(data: Data(secret.utf8)))
    }
}
