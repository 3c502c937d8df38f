import Foundation

/// A syntactically valid e-mail address (the practical subset of RFC 5321 and RFC 6531 that mail systems accept),
/// normalised for comparison: the local part in NFC with its ASCII letters in lower case and every other character
/// as written (full Unicode case folding would make the Kelvin sign U+212A a `k`), the domain in its IDNA ASCII
/// form. A non-ASCII character never matches an ASCII one: where NFC would turn one into ASCII, it is refused.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    public static let maximumLength = 254

    /// The normalised address: store and compare this, byte for byte.
    public let value: String

    public init?(_ raw: String) {
        let trimmed = raw.trimmedOfWhitespace
        guard !trimmed.isEmpty, trimmed.utf8.count <= Self.maximumLength,
              let at = trimmed.unicodeScalars.firstIndex(of: "@"),
              let local = Self.normalizedLocal(trimmed.unicodeScalars[..<at]),
              let domain = Self.mailDomain(String(trimmed.unicodeScalars[trimmed.unicodeScalars.index(after: at)...]))
        else { return nil }
        let address = local + "@" + domain
        guard address.utf8.count <= Self.maximumLength else { return nil }
        value = address
    }

    /// The form of `raw` to store and compare (`value`), or `nil` if it is not a valid address.
    public static func normalized(_ raw: String) -> String? {
        EmailAddress(raw)?.value
    }

    /// A mail domain in the form `domain` gives (IDNA ASCII, lower case), for lists of company domains; `nil` when
    /// it is not a host name of at least two labels whose last is not all digits.
    public static func normalizedDomain(_ raw: String) -> String? {
        mailDomain(raw.trimmedOfWhitespace)
    }

    /// The part after the `@`, in ASCII: `xn--bcher-kva.example` for `bücher.example`.
    public var domain: String { String(value[value.index(after: value.firstIndex(of: "@")!)...]) }

    public var description: String { value }

    /// `normalizedDomain` without the trimming: an address has no white space after its `@`.
    private static func mailDomain(_ domain: String) -> String? {
        guard let ascii = IDNA.asciiDomain(domain), let dot = ascii.lastIndex(of: "."),
              !ascii[ascii.index(after: dot)...].allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        return ascii
    }

    /// The local part in NFC with ASCII letters lower-cased; `nil` when invalid, or when it has a character that
    /// NFC turns into ASCII (the Kelvin sign: a look-alike of K).
    private static func normalizedLocal(_ raw: Substring.UnicodeScalarView) -> String? {
        let normalisesToASCII = { (scalar: Unicode.Scalar) in
            String(scalar).precomposedStringWithCanonicalMapping.unicodeScalars.contains(where: \.isASCII)
        }
        guard raw.allSatisfy({ $0.isASCII || !normalisesToASCII($0) }) else { return nil }
        let local = String(raw).precomposedStringWithCanonicalMapping.unicodeScalars
        guard (1...64).contains(utf8Length(local)), isValidLocal(local) else { return nil }
        return String(String.UnicodeScalarView(local.map(\.asciiLowercased)))
    }

    private static func isValidLocal(_ local: String.UnicodeScalarView) -> Bool {
        guard local.first != ".", local.last != "." else { return false }
        var previous: Unicode.Scalar = " "
        for scalar in local {
            if scalar == "." && previous == "." { return false }
            previous = scalar
            if scalar.isASCII {
                guard scalar.isASCIIAlphanumeric || "!#$%&'*+/=?^_`{|}~-.".unicodeScalars.contains(scalar) else { return false }
            } else if !scalar.isLetterOrDigit {
                return false
            }
        }
        return true
    }

    private static func utf8Length(_ scalars: String.UnicodeScalarView) -> Int {
        scalars.reduce(0) { $0 + UTF8.width($1) }
    }
}

extension Unicode.Scalar {
    /// `A`–`Z` as `a`–`z`; every other scalar as it is.
    var asciiLowercased: Unicode.Scalar {
        (0x41...0x5A).contains(value) ? Unicode.Scalar(UInt8(value + 0x20)) : self
    }

    var isASCIIAlphanumeric: Bool {
        switch value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        default: false
        }
    }

    var isLetterOrDigit: Bool {
        properties.isAlphabetic || properties.numericType == .decimal
    }
}

extension String {
    /// The string without leading and trailing white space and newlines (no Foundation needed).
    var trimmedOfWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[first...last])
    }
}
