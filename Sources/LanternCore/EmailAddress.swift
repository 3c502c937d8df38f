import Foundation

/// A syntactically valid e-mail address (the practical subset of RFC 5321 that mail systems accept),
/// normalised to lower case for comparison.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    public static let maximumLength = 254

    public let value: String

    public init?(_ raw: String) {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.utf8.count <= Self.maximumLength else { return nil }
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let local = parts[0], domain = parts[1]
        guard (1...64).contains(local.utf8.count), Self.isValidLocal(local), Self.isValidDomain(domain) else {
            return nil
        }
        value = trimmed.lowercased()
    }

    /// The part after the `@`.
    public var domain: String { String(value[value.index(after: value.firstIndex(of: "@")!)...]) }

    public var description: String { value }

    private static let localSpecials = Set("!#$%&'*+/=?^_`{|}~-.")

    private static func isValidLocal(_ local: Substring) -> Bool {
        guard local.first != ".", local.last != ".", !local.contains("..") else { return false }
        return local.allSatisfy { ch in
            ch.isASCII ? (ch.isLetter || ch.isNumber || localSpecials.contains(ch)) : ch.isLetter || ch.isNumber
        }
    }

    /// A host name with at least two labels, each 1–63 letters, digits or inner hyphens.
    public static func isValidDomain(_ domain: Substring) -> Bool {
        guard (3...253).contains(domain.utf8.count) else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        return labels.allSatisfy { label in
            (1...63).contains(label.utf8.count) && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0 == "-" || $0.isLetter || $0.isNumber }
        } && !(labels.last!.allSatisfy(\.isNumber))
    }
}
