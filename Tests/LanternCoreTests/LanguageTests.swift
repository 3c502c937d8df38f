import Testing
@testable import LanternCore

@Suite("Languages")
struct LanguageTests {
    @Test("Language codes are normalised", arguments: [
        ("en", "en"), ("EN", "en"), ("pt-br", "pt-BR"), ("pt_BR", "pt-BR"), ("zh-cn", "zh-CN"), (" fr ", "fr"), ("es-419", "es-419"),
    ])
    func normalises(raw: String, expected: String) {
        #expect(LanguageCode(raw)?.value == expected)
    }

    @Test("Nonsense is not a language code", arguments: ["", "e", "english", "en-", "en-GBR", "12", "fr-CA-x", "<b>", "en US"])
    func rejects(raw: String) {
        #expect(LanguageCode(raw) == nil)
    }

    let resolver = LanguageResolver(supported: ["en", "fr", "pt-BR"], accountDefault: "en")

    @Test("The locale parameter wins over the contact's language and the widget default")
    func localeWins() {
        #expect(resolver.resolve(locale: "fr", contactLanguage: "pt-BR", widgetDefault: "en") == "fr")
        #expect(resolver.resolve(locale: nil, contactLanguage: "pt-BR", widgetDefault: "fr") == "pt-BR")
        #expect(resolver.resolve(locale: nil, contactLanguage: nil, widgetDefault: "fr") == "fr")
        #expect(resolver.resolve(locale: nil, contactLanguage: nil, widgetDefault: nil) == "en")
    }

    @Test("Unsupported or invalid candidates are skipped; a regional variant falls back to its base language")
    func skipsUnsupported() {
        #expect(resolver.resolve(locale: "de", contactLanguage: "fr", widgetDefault: nil) == "fr")
        #expect(resolver.resolve(locale: "not a language", contactLanguage: nil, widgetDefault: "pt-br") == "pt-BR")
        #expect(resolver.resolve(locale: "fr-CA", contactLanguage: nil, widgetDefault: nil) == "fr")
        #expect(resolver.resolve(locale: "pt", contactLanguage: nil, widgetDefault: nil) == "en")
    }
}
