import Vapor

extension Route {
    private static let bodyLimitKey: AnySendableHashable = "lantern.bodyLimit"

    /// The most bytes of body this route takes, when it says (`bodyLimit(_:)`); `DeclaredLengthMiddleware` refuses a
    /// request declaring more before its body is read.
    var bodyLimit: Int? {
        userInfo[Self.bodyLimitKey] as? Int
    }

    /// Declares the most bytes of body this route takes.
    @discardableResult
    func bodyLimit(_ bytes: Int) -> Route {
        userInfo[Self.bodyLimitKey] = bytes
        return self
    }
}
