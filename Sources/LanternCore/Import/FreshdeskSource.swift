import Foundation

/// Where a Freshdesk account's API is: `https://ACME.freshdesk.com` (a path, query or credentials are refused).
/// Plain `http` is accepted only for a loopback host (`localhost`, `127.0.0.0/8`, `::1`), as the importer's tests
/// use: anywhere else the API key would cross the network in clear.
public struct FreshdeskSource: Sendable, Equatable {
    /// `scheme://host[:port]`, without a trailing slash.
    public let origin: String

    /// Why a `--url` cannot be used.
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    public init(_ raw: String) throws(Refusal) {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              let host = components.host?.lowercased(), !host.isEmpty
        else { throw Refusal(description: "--url must be the Freshdesk account's address, such as https://acme.freshdesk.com") }
        guard components.user == nil, components.password == nil else {
            throw Refusal(description: "--url must not carry a user name or password; give the API key with --api-key")
        }
        guard components.path.isEmpty || components.path == "/", components.query == nil, components.fragment == nil else {
            throw Refusal(description: "--url must be the account's address alone, such as https://acme.freshdesk.com (no path or query)")
        }
        switch scheme {
        case "https": break
        case "http":
            guard Self.isLoopback(host) else {
                throw Refusal(description: "--url must use https: plain http is allowed only for a loopback host (localhost, 127.0.0.1, ::1)")
            }
        default:
            throw Refusal(description: "--url must be an https:// address")
        }
        origin = Self.origin(scheme: scheme, host: host, port: components.port)
    }

    /// Whether `url` is on this origin (scheme, host and port): pagination links elsewhere are not followed, so
    /// that the API key goes nowhere else.
    public func contains(_ url: String) -> Bool {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              let host = components.host?.lowercased() else { return false }
        return Self.origin(scheme: scheme, host: host, port: components.port) == origin
    }

    /// `scheme://host[:port]`, an IPv6 host in brackets (however `URLComponents` gave it).
    private static func origin(scheme: String, host: String, port: Int?) -> String {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return "\(scheme)://" + (bare.contains(":") ? "[\(bare)]" : bare) + (port.map { ":\($0)" } ?? "")
    }

    /// `localhost`, an address in `127.0.0.0/8`, or `::1`.
    static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" { return true }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        guard let address = IPAddress(bare) else { return false }
        return address.nonPublicRange == "loopback"
    }
}
