import Foundation

/// A content language such as `en`, `fr` or `pt-BR`, normalised to lower-case language and upper-case region.
public struct LanguageCode: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    /// Parses `en`, `EN`, `pt_br`, `pt-BR`; `nil` for anything that is not a two- or three-letter language with an
    /// optional two-letter or three-digit region.
    public init?(_ raw: String) {
        let parts = raw.trimmingCharacters(in: .whitespaces).split(
            separator: "-", omittingEmptySubsequences: false
        ).flatMap { $0.split(separator: "_", omittingEmptySubsequences: false) }
        guard (1...2).contains(parts.count) else { return nil }
        let language = parts[0]
        guard (2...3).contains(language.count), language.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        var normalised = language.lowercased()
        if parts.count == 2 {
            let region = parts[1]
            let isAlpha = region.count == 2 && region.allSatisfy { $0.isASCII && $0.isLetter }
            let isNumeric = region.count == 3 && region.allSatisfy { $0.isASCII && $0.isNumber }
            guard isAlpha || isNumeric else { return nil }
            normalised += "-" + region.uppercased()
        }
        value = normalised
    }

    /// The language without its region (`pt` for `pt-BR`).
    public var base: String { String(value.prefix { $0 != "-" }) }

    public var description: String { value }
}
