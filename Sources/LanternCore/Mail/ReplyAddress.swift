import Crypto
import Foundation

/// A ticket's reply address: the support address with `+t<ticket id>.<MAC>` after its local part
/// (`support+t42.k3j…@brightbill.example`). The MAC is HMAC-SHA256 of the ticket id under the account's reply key,
/// cut to 80 bits and written in lower-case base32, so an address can be neither guessed nor made for another
/// ticket, and survives an MTA that lower-cases local parts.
public struct ReplyAddress: Sendable, Equatable {
    /// The support address it was made from (normalised).
    public let supportAddress: String
    public let ticketID: Int
    let mac: String

    /// The reply address of `ticketID`, or `nil` when `supportAddress` is not a valid address.
    public static func make(supportAddress: String, ticketID: Int, key: [UInt8]) -> String? {
        guard let support = EmailAddress(supportAddress)?.value, let at = support.lastIndex(of: "@") else { return nil }
        return support[..<at] + "+t\(ticketID)." + mac(ticketID: ticketID, key: key) + support[at...]
    }

    /// The parts of an address shaped like a reply address, before any key is checked: `nil` for any other address.
    public static func parse(_ address: String) -> ReplyAddress? {
        guard let normalized = EmailAddress(address)?.value, let at = normalized.lastIndex(of: "@") else { return nil }
        let local = normalized[..<at]
        guard let plus = local.range(of: "+t", options: .backwards) else { return nil }
        let tag = local[plus.upperBound...]
        let pieces = tag.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count == 2, let id = Int(pieces[0]), id > 0, String(id) == pieces[0],
              pieces[1].count == 16, pieces[1].allSatisfy({ base32.contains($0) }) else { return nil }
        return ReplyAddress(supportAddress: String(local[..<plus.lowerBound] + normalized[at...]), ticketID: id,
                            mac: String(pieces[1]))
    }

    /// Whether the MAC is the one `key` makes for this ticket (compared in constant time).
    public func isValid(key: [UInt8]) -> Bool {
        let expected = Array(Self.mac(ticketID: ticketID, key: key).utf8)
        let given = Array(mac.utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private static let base32 = Array("abcdefghijklmnopqrstuvwxyz234567")

    static func mac(ticketID: Int, key: [UInt8]) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data("lantern-reply-address:\(ticketID)".utf8), using: SymmetricKey(data: key))
        let bytes = Array(code.prefix(10))
        var out = ""
        var buffer = 0, bits = 0
        for byte in bytes {
            buffer = buffer << 8 | Int(byte)
            bits += 8
            while bits >= 5 {
                out.append(base32[(buffer >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        return out
    }
}
