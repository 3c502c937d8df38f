import Fluent
import Foundation

/// A failed agent sign-in, counted per e-mail address and per client address to throttle password guessing
/// (stored in the database so every server process counts the same failures).
final class LoginAttempt: Model, @unchecked Sendable {
    static let schema = "login_attempts"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    /// `email:<address>` or `ip:<address>`.
    @Field(key: "key") var key: String
    @Field(key: "attempted_at") var attemptedAt: Date

    init() {}

    init(key: String, attemptedAt: Date) {
        self.key = key
        self.attemptedAt = attemptedAt
    }
}
