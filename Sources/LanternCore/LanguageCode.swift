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

/// Picks the language content is served in: the first candidate the account supports, in priority order.
public struct LanguageResolver: Sendable {
    public let supported: [String]
    public let accountDefault: String

    public init(supported: [String], accountDefault: String) {
        self.supported = supported
        self.accountDefault = accountDefault
    }

    /// `locale` parameter > contact's preferred language > widget default > account default.
    /// A candidate matches a supported language exactly, or by its base language (`fr-CA` → `fr`).
    public func resolve(locale: String?, contactLanguage: String?, widgetDefault: String?) -> String {
        for candidate in [locale, contactLanguage, widgetDefault] {
            if let candidate, let match = match(candidate) { return match }
        }
        return accountDefault
    }

    /// The supported language that `raw` names, if any.
    public func match(_ raw: String) -> String? {
        guard let code = LanguageCode(raw) else { return nil }
        if let exact = supported.first(where: { LanguageCode($0)?.value == code.value }) { return exact }
        return supported.first(where: { LanguageCode($0)?.value == code.base })
    }
}
