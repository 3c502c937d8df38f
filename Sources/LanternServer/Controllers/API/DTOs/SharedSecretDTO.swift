import Foundation
import Vapor

/// `/api/v2/settings/widget_security`: the shared secret widget JWTs are signed with, and when it was last set.
struct SharedSecretDTO: Content {
    let sharedSecret: String
    let resetAt: String

    enum CodingKeys: String, CodingKey {
        case sharedSecret = "shared_secret"
        case resetAt = "reset_at"
    }

    init(_ secret: SharedSecretService.Secret) {
        sharedSecret = secret.sharedSecret
        resetAt = secret.resetAt.formatted(.iso8601)
    }
}
