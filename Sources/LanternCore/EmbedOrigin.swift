/// Where a widget may be embedded: an origin pattern `scheme://host[:port]`, lower-cased.
///
/// - `scheme` is `http` or `https`;
/// - `host` is a host name (`help.example.com`, `localhost`), an IPv4 address or a bracketed IPv6 address, or
///   `*.` followed by a host name of at least two labels: any subdomain of it, at any depth, but not the name itself
///   (as in CSP: `https://*.example.com` matches `https://a.example.com` and `https://a.b.example.com`, not
///   `https://example.com`);
/// - `port` is a number from 1 to 65535, `*` (any port), or absent (the scheme's default port: 80 or 443).
///
/// No user info, path, query or fragment. The pattern's `description` is valid CSP `frame-ancestors` source syntax.
public struct EmbedOrigin: Hashable, Sendable, CustomStringConvertible {
    public enum Port: Hashable, Sendable {
        /// No port given: the scheme's default.
        case schemeDefault
        /// `:*`
        case any
        case number(Int)
    }

    public let scheme: String
    /// The host, without the `*.` of a wildcard pattern.
    public let host: String
    /// `*.host`: any subdomain of `host`.
    public let isWildcardSubdomain: Bool
    public let port: Port

    /// Parses a pattern; `nil` unless it is exactly `scheme://host[:port]` as described above.
    public init?(_ raw: String) {
        guard let parts = Self.split(raw.trimmedOfWhitespace.lowercased()) else { return nil }
        var host = parts.host
        var wildcard = false
        if host.hasPrefix("*.") {
            host.removeFirst(2)
            // A wildcard covers the subdomains of a registrable-looking name: not of `com` or an IP address.
            guard Self.isHostName(host), host.contains("."), !Self.isIPv4(host) else { return nil }
            wildcard = true
        } else {
            guard Self.isHost(host) else { return nil }
        }
        scheme = parts.scheme
        self.host = host
        isWildcardSubdomain = wildcard
        port = parts.port
    }

    /// A concrete origin (`https://help.example.com:8443`: no `*.`, no `:*`), such as a configured public URL or
    /// one built from request headers; `nil` for a pattern or anything else.
    public static func concrete(_ raw: String) -> EmbedOrigin? {
        guard let parsed = EmbedOrigin(raw), !parsed.isWildcardSubdomain, parsed.port != .any else { return nil }
        return parsed
    }

    /// The normalised pattern: `https://*.example.com`, `http://localhost:*`, `https://help.example.com:8443`.
    public var description: String {
        var text = scheme + "://" + (isWildcardSubdomain ? "*." : "") + host
        switch port {
        case .schemeDefault: break
        case .any: text += ":*"
        case .number(let number): text += ":" + String(number)
        }
        return text
    }

    /// Whether the pattern allows `origin`, a concrete serialised origin such as a browser's `Origin` header or a
    /// `postMessage` event's `origin` (`https://app.example.com`, `http://localhost:3000`). Anything that is not
    /// such an origin (`null`, a URL with a path, a wildcard) never matches. Schemes must be equal; an absent port
    /// is the scheme's default, so `https://example.com:443` and `https://example.com` are the same origin.
    public func matches(_ origin: String) -> Bool {
        guard let parts = Self.split(origin.trimmedOfWhitespace.lowercased()), Self.isHost(parts.host),
              parts.scheme == scheme else { return false }
        let originPort: Int
        switch parts.port {
        case .any: return false
        case .schemeDefault: originPort = Self.defaultPort(of: parts.scheme)
        case .number(let number): originPort = number
        }
        switch port {
        case .any: break
        case .schemeDefault: guard originPort == Self.defaultPort(of: scheme) else { return false }
        case .number(let number): guard originPort == number else { return false }
        }
        if isWildcardSubdomain {
            return parts.host.count > host.count + 1 && parts.host.hasSuffix("." + host)
        }
        return parts.host == host
    }

    /// Whether any of `patterns` allows `origin`; an empty list allows every origin.
    public static func allows(_ origin: String, patterns: [EmbedOrigin]) -> Bool {
        patterns.isEmpty || patterns.contains { $0.matches(origin) }
    }

    // MARK: - Parsing

    private static func defaultPort(of scheme: String) -> Int {
        scheme == "https" ? 443 : 80
    }

    /// `scheme://authority` split into scheme, host text (unchecked) and port; `nil` for other schemes, paths,
    /// queries, fragments, user info or a bad port.
    private static func split(_ text: String) -> (scheme: String, host: String, port: Port)? {
        let scheme: String
        let rest: Substring
        if text.hasPrefix("https://") {
            scheme = "https"
            rest = text.dropFirst(8)
        } else if text.hasPrefix("http://") {
            scheme = "http"
            rest = text.dropFirst(7)
        } else {
            return nil
        }
        guard !rest.isEmpty, !rest.contains(where: { "/?#@\\".contains($0) || $0.isWhitespace }) else { return nil }
        let host: Substring
        let portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            host = rest[...close]
            let after = rest[rest.index(after: close)...]
            if after.isEmpty {
                portText = nil
            } else {
                guard after.hasPrefix(":") else { return nil }
                portText = after.dropFirst()
            }
        } else if let colon = rest.firstIndex(of: ":") {
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        } else {
            host = rest
            portText = nil
        }
        guard !host.isEmpty else { return nil }
        let port: Port
        if let portText {
            if portText == "*" {
                port = .any
            } else {
                guard (1...5).contains(portText.count), portText.allSatisfy({ $0.isASCII && $0.isNumber }),
                      let number = Int(portText), (1...65535).contains(number) else { return nil }
                port = .number(number)
            }
        } else {
            port = .schemeDefault
        }
        return (scheme, String(host), port)
    }

    /// A host name, an IPv4 address or a bracketed IPv6 address.
    private static func isHost(_ host: String) -> Bool {
        if host.hasPrefix("[") { return isBracketedIPv6(host) }
        if host.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) { return isIPv4(host) }
        return isHostName(host)
    }

    /// ASCII labels of 1–63 letters, digits and inner hyphens, 253 characters at most; the last label is not
    /// all digits. One label (`localhost`) is enough. Internationalised names must be given in punycode.
    private static func isHostName(_ host: String) -> Bool {
        guard (1...253).contains(host.utf8.count) else { return false }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        for label in labels {
            guard (1...63).contains(label.utf8.count), label.first != "-", label.last != "-",
                  label.unicodeScalars.allSatisfy({ $0.isASCIIAlphanumeric || $0 == "-" }) else { return false }
        }
        return !labels.last!.allSatisfy { $0.isNumber }
    }

    private static func isIPv4(_ host: String) -> Bool {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            (1...3).contains(part.count) && part.allSatisfy { $0.isASCII && $0.isNumber }
                && (part.count == 1 || part.first != "0") && Int(part)! <= 255
        }
    }

    private static func isBracketedIPv6(_ host: String) -> Bool {
        guard host.hasPrefix("["), host.hasSuffix("]"), host.count > 2 else { return false }
        let inner = host.dropFirst().dropLast()
        let groups = inner.split(separator: ":", omittingEmptySubsequences: false)
        guard (3...8).contains(groups.count), inner.count <= 45 else { return false }
        return inner.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
    }
}
