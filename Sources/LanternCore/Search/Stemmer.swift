/// The stemming algorithm the search index applies to a content language's words: Snowball's stemmer for that
/// language, the one PostgreSQL's text search configuration of the same name applies (`postgresConfiguration`), so
/// that both search engines find the same articles for the same words. Languages without one here are indexed as
/// they are written (PostgreSQL's `simple` configuration does the same for languages it has no stemmer for).
public enum Stemmer: Sendable, Hashable, CaseIterable {
    case english, french, german, spanish
    /// Words as they are written.
    case none

    /// The stemmer of a content language (`en`, `fr-CA`; the region does not matter).
    public init(language: String) {
        switch LanguageCode(language)?.base {
        case "en": self = .english
        case "fr": self = .french
        case "de": self = .german
        case "es": self = .spanish
        default: self = .none
        }
    }

    /// The PostgreSQL text search configuration whose stemmer this is (`nil` for `none`).
    public var postgresConfiguration: String? {
        switch self {
        case .english: "english"
        case .french: "french"
        case .german: "german"
        case .spanish: "spanish"
        case .none: nil
        }
    }

    /// The stem of a folded word (`SearchText.words`).
    public func stem(_ word: String) -> String {
        switch self {
        case .english: return EnglishStemmer.stem(word)
        case .french: return FrenchStemmer.stem(word)
        case .german: return GermanStemmer.stem(word)
        case .spanish: return SpanishStemmer.stem(word)
        case .none: return word
        }
    }
}
