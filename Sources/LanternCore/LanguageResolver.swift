import Foundation

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
