import Crypto
import Foundation

/// What a widget session token carries.
public struct WidgetSessionClaims: Equatable, Sendable {
    /// 128 random bits as hex: the handle a logout revokes.
    public let sessionID: String
    public let accountID: Int
    public let widgetID: Int
    public let contactID: Int
    public let issuedAt: Int64
    public let expiresAt: Int64

    public init(sessionID: String, accountID: Int, widgetID: Int, contactID: Int, issuedAt: Int64, expiresAt: Int64) {
        self.sessionID = sessionID
        self.accountID = accountID
        self.widgetID = widgetID
        self.contactID = contactID
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
    }
}
