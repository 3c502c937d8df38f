import Foundation

/// `LANTERN_SMTP_URL`: where Lantern hands its mail over. `smtp://user:pass@host:587` requires STARTTLS,
/// `smtps://user:pass@host:465` speaks TLS from the first byte, and `smtp://host:25?tls=off` sends in the clear,
/// which only a relay on the loopback interface may ask for. User and password are percent-decoded.
public struct SMTPURL: Sendable, Equatable, CustomStringConvertible {
    public enum Security: String, Sendable, Equatable {
        /// STARTTLS after EHLO, required: a server that does not offer it is an error.
        case startTLS
        /// TLS from the first byte (port 465).
        case implicitTLS
        /// No TLS: loopback relays only.
        case none
    }

    public let host: String
    public let port: Int
    public let security: Security
    public let username: String?
    public let password: String?

    /// Why a URL was refused.
    public struct Invalid: Error, Sendable, Equatable {
        public let reason: String
    }

    public init(_ raw: String) throws(Invalid) {
        guard let components = URLComponents(string: raw), let scheme = components.scheme?.lowercased() else {
            throw Invalid(reason: "is not a URL")
        }
        guard scheme == "smtp" || scheme == "smtps" else { throw Invalid(reason: "must start with smtp:// or smtps://") }
        guard let rawHost = components.host, !rawHost.isEmpty else { throw Invalid(reason: "has no host") }
        host = rawHost.hasPrefix("[") && rawHost.hasSuffix("]") ? String(rawHost.dropFirst().dropLast()) : rawHost
        let items = components.queryItems ?? []
        guard items.allSatisfy({ $0.name == "tls" }) else { throw Invalid(reason: "takes no query parameter but tls=off") }
        let tls = items.first?.value?.lowercased()
        switch (scheme, tls) {
        case ("smtps", nil): security = .implicitTLS
        case ("smtp", nil): security = .startTLS
        case ("smtp", "off"):
            guard Self.isLoopback(host) else { throw Invalid(reason: "may use tls=off only for a relay on loopback (127.0.0.1, ::1, localhost)") }
            security = .none
        default: throw Invalid(reason: "allows only tls=off, and only with smtp://")
        }
        let defaultPort = scheme == "smtps" ? 465 : 587
        port = components.port ?? defaultPort
        guard (1...65535).contains(port) else { throw Invalid(reason: "has a port outside 1 to 65535") }
        username = components.percentEncodedUser.flatMap { $0.removingPercentEncoding }
        password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        if password != nil && username == nil { throw Invalid(reason: "has a password without a user") }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.") && host.split(separator: ".").count == 4
    }

    /// The URL without its password, for logs and pages.
    public var description: String {
        let scheme = security == .implicitTLS ? "smtps" : "smtp"
        let user = username.map { "\($0)\(password == nil ? "" : ":***")@" } ?? ""
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(user)\(shownHost):\(port)\(security == .none ? "?tls=off" : "")"
    }
}
