#if canImport(Glibc)
import Glibc
#endif
import LanternCore

/// Looks a host name up in the system's resolver (`getaddrinfo`): every address it has, IPv4 and IPv6.
enum HostResolver {
    /// The host could not be resolved: the resolver's own message.
    struct Failure: Error, CustomStringConvertible {
        let host: String
        let reason: String
        var description: String { "\(host) could not be resolved: \(reason)" }
    }

    /// Blocks while the resolver works: call it from a thread pool.
    static func addresses(of host: String) throws -> [IPAddress] {
        if let literal = IPAddress(host) { return [literal] }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0 else { throw Failure(host: host, reason: String(cString: gai_strerror(status))) }
        defer { freeaddrinfo(list) }
        var found: [IPAddress] = []
        var entry = list
        while let current = entry?.pointee {
            if current.ai_family == AF_INET, let raw = current.ai_addr {
                let address = raw.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                if let ip = withUnsafeBytes(of: address, { IPAddress(bytes: Array($0)) }), !found.contains(ip) { found.append(ip) }
            } else if current.ai_family == AF_INET6, let raw = current.ai_addr {
                let address = raw.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                if let ip = withUnsafeBytes(of: address, { IPAddress(bytes: Array($0)) }), !found.contains(ip) { found.append(ip) }
            }
            entry = current.ai_next
        }
        guard !found.isEmpty else { throw Failure(host: host, reason: "no address") }
        return found
    }
}
