import Foundation

/// A URL-encoded form body or query string (Lantern's one decoder for both), read leniently: repeated names are
/// kept in order, malformed escapes are taken literally. Reading a form never throws, so bad input becomes a validation message, not a 500.
public struct URLEncodedForm: Sendable {
    public private(set) var pairs: [(String, String)] = []

    public init(encoded: String) {
        for part in encoded.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(pieces[0])
            let value = pieces.count > 1 ? Self.decode(pieces[1]) : ""
            pairs.append((name, value))
        }
    }

    /// One name or value decoded; a malformed escape is taken literally (only `+` becomes a space).
    public static func decode(_ raw: Substring) -> String {
        formDecoded(raw.utf8) ?? raw.replacingOccurrences(of: "+", with: " ")
    }

    /// A form-encoded part decoded: `+` is a space, `%XX` a byte; `nil` when an escape is malformed or the
    /// bytes are not UTF-8 (`decode` then keeps the text as sent).
    public static func formDecoded(_ part: Substring.UTF8View) -> String? {
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(part.count)
        var index = part.startIndex
        while index < part.endIndex {
            let byte = part[index]
            index = part.index(after: index)
            switch byte {
            case UInt8(ascii: "+"): bytes.append(0x20)
            case UInt8(ascii: "%"):
                guard index < part.endIndex, let high = hex(part[index]) else { return nil }
                index = part.index(after: index)
                guard index < part.endIndex, let low = hex(part[index]) else { return nil }
                index = part.index(after: index)
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// The first value of `name` (also accepted as `name[]`).
    public subscript(_ name: String) -> String? {
        pairs.first { $0.0 == name || $0.0 == name + "[]" }?.1
    }

    /// Every value of `name` (also accepted as `name[]`).
    public func all(_ name: String) -> [String] {
        pairs.filter { $0.0 == name || $0.0 == name + "[]" }.map(\.1)
    }

    /// Whether a checkbox named `name` was ticked.
    public func checked(_ name: String) -> Bool { self[name] != nil }

    /// Whole numbers among the values of `name`; `nil` when one of them is not a number.
    public func integers(_ name: String) -> [Int]? {
        var out: [Int] = []
        for value in all(name) where !value.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let number = Int(value.trimmingCharacters(in: .whitespaces)) else { return nil }
            out.append(number)
        }
        return out
    }

    /// Lines or commas of a textarea, trimmed, without blanks.
    public func list(_ name: String) -> [String] {
        (self[name] ?? "").split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "," })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

