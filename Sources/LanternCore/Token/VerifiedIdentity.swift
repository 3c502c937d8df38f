import Crypto
import Foundation

/// The identity a verified widget JWT vouches for.
public struct VerifiedIdentity: Equatable, Sendable {
    public let name: String
    public let email: EmailAddress
    /// The token's `exp`, in whole seconds since 1970.
    public let expiresAt: Int64
    public let tokenID: String?
}
