#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address, and which ranges a server must not be sent to on a customer's say-so (webhooks).
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// 4 bytes (IPv4) or 16 (IPv6), in network order.
    public let bytes: [UInt8]

    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// A literal in its standard text form (dotted quad, or IPv6 with or without brackets); `nil` for anything
    /// else, host names included.
    public init?(_ text: String) {
        var literal = text
        if literal.hasPrefix("[") && literal.hasSuffix("]") { literal = String(literal.dropFirst().dropLast()) }
        var v4 = in_addr()
        if inet_pton(AF_INET, literal, &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
            return
        }
        var v6 = in6_addr()
        guard !literal.contains("%"), inet_pton(AF_INET6, literal, &v6) == 1 else { return nil }
        bytes = withUnsafeBytes(of: &v6) { Array($0) }
    }

    public var description: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        var raw = bytes
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        guard inet_ntop(family, &raw, &buffer, socklen_t(buffer.count)) != nil else { return "?" }
        return String(cString: buffer)
    }

    /// Why an address is not a public destination ("loopback", "private", "link-local", …), or `nil` when it is
    /// one. IPv4-mapped and NAT64 IPv6 addresses are judged by the IPv4 address inside.
    public var nonPublicRange: String? {
        if bytes.count == 4 { return Self.nonPublicIPv4(bytes) }
        let b = bytes
        if b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xFF && b[11] == 0xFF { return Self.nonPublicIPv4(Array(b[12...])) }
        if b[0..<12].elementsEqual([0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0]) { return Self.nonPublicIPv4(Array(b[12...])) }
        if b[0..<15].allSatisfy({ $0 == 0 }) { return b[15] == 0 ? "unspecified" : b[15] == 1 ? "loopback" : "reserved" }
        if b[0] == 0xFE && b[1] & 0xC0 == 0x80 { return "link-local" }
        if b[0] == 0xFE && b[1] & 0xC0 == 0xC0 { return "site-local" }
        if b[0] & 0xFE == 0xFC { return "private" }
        if b[0] == 0xFF { return "multicast" }
        if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8 { return "documentation" }
        if b[0] & 0xE0 != 0x20 { return "reserved" }
        return nil
    }

    private static func nonPublicIPv4(_ b: [UInt8]) -> String? {
        switch (b[0], b[1], b[2]) {
        case (0, _, _): return "unspecified"
        case (127, _, _): return "loopback"
        case (10, _, _), (172, 16...31, _), (192, 168, _): return "private"
        case (100, 64...127, _): return "shared (carrier-grade NAT)"
        case (169, 254, _): return "link-local"
        case (192, 0, 0), (198, 18...19, _): return "reserved"
        case (192, 0, 2), (198, 51, 100), (203, 0, 113): return "documentation"
        case (224...239, _, _): return "multicast"
        case (240...255, _, _): return "reserved"
        default: return nil
        }
    }
}
