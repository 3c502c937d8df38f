/// A syntactically valid e-mail address (the practical subset of RFC 5321 that mail systems accept),
/// normalised to lower case for comparison.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    public static let maximumLength = 254

    public let value: String

    public init?(_ raw: String) {
        let trimmed = raw.trimmedOfWhitespace
        guard !trimmed.isEmpty, trimmed.utf8.count <= Self.maximumLength,
              let at = trimmed.unicodeScalars.firstIndex(of: "@") else { return nil }
        let local = trimmed.unicodeScalars[..<at]
        let domain = trimmed.unicodeScalars[trimmed.unicodeScalars.index(after: at)...]
        guard (1...64).contains(Self.utf8Length(local)), Self.isValidLocal(local), Self.isValidDomain(domain) else {
            return nil
        }
        value = trimmed.lowercased()
    }

    /// The part after the `@`.
    public var domain: String { String(value[value.index(after: value.firstIndex(of: "@")!)...]) }

    public var description: String { value }

    private static func isValidLocal(_ local: Substring.UnicodeScalarView) -> Bool {
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

    /// A host name with at least two labels, each 1–63 letters, digits or inner hyphens, not all-numeric at the end.
    static func isValidDomain(_ domain: Substring.UnicodeScalarView) -> Bool {
        guard (3...253).contains(utf8Length(domain)) else { return false }
        var labels = 0, labelLength = 0, labelAllDigits = true
        var previous: Unicode.Scalar = "."
        for scalar in domain {
            if scalar == "." {
                guard labelLength > 0, previous != "-" else { return false }
                labels += 1
                labelLength = 0
                labelAllDigits = true
            } else {
                if scalar == "-" {
                    guard labelLength > 0 else { return false }
                } else if !(scalar.isASCII ? scalar.isASCIIAlphanumeric : scalar.isLetterOrDigit) {
                    return false
                }
                labelLength += 1
                guard labelLength <= 63 else { return false }
                labelAllDigits = labelAllDigits && (0x30...0x39).contains(scalar.value)
            }
            previous = scalar
        }
        guard labelLength > 0, previous != "-", labels >= 1 else { return false }
        return !labelAllDigits
    }

    private static func utf8Length(_ scalars: Substring.UnicodeScalarView) -> Int {
        scalars.reduce(0) { $0 + UTF8.width($1) }
    }
}

extension Unicode.Scalar {
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
