import Foundation
import Vapor

/// The portals' cookies: `HttpOnly`, `SameSite=Lax`, `Secure` when the request came over TLS, scoped to a path.
enum PortalCookie {
    /// A cookie carrying `value`; `maxAge` `nil` makes it last as long as the browser session.
    static func make(_ value: String, path: String, request: Request, maxAge: Int?) -> HTTPCookies.Value {
        HTTPCookies.Value(string: value, expires: nil, maxAge: maxAge, domain: nil, path: path,
                          isSecure: request.cameOverTLS, isHTTPOnly: true, sameSite: .lax)
    }

    /// A cookie that makes the browser drop the one of that name.
    static func expired(path: String, request: Request) -> HTTPCookies.Value {
        HTTPCookies.Value(string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, domain: nil, path: path,
                          isSecure: request.cameOverTLS, isHTTPOnly: true, sameSite: .lax)
    }
}
