import Foundation

/// How Lantern turns text into search terms, the same way for articles and for what visitors type:
/// lower case, diacritics removed, split on anything that is not a letter or digit.
public enum SearchText {
    /// `text` folded for matching: "Crème Brûlée" → "creme brulee".
    public static func fold(_ text: String) -> String {
        text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
    }

    /// The folded words of `text`.
    public static func words(_ text: String) -> [String] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiWords(text.utf8) }
        return fold(text).split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }

    /// The fast path for ASCII text: lower-case letters and digits, no Foundation call.
    private static func asciiWords(_ bytes: String.UTF8View) -> [String] {
        var words: [String] = []
        var current: [UInt8] = []
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): current.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): current.append(byte + 32)
            default:
                if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)); current.removeAll(keepingCapacity: true) }
            }
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        return words
    }

    /// Words too common to help find an article, for the languages the demo and most help centers use.
    static let stopWords: Set<String> = [
        // English
        "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "how", "i", "if", "in",
        "is", "it", "its", "me", "my", "of", "on", "or", "so", "the", "to", "was", "we", "what", "when", "where",
        "which", "who", "why", "will", "with", "you", "your", "this", "that", "there", "into", "about",
        // French
        "au", "aux", "avec", "ce", "ces", "comment", "dans", "de", "des", "du", "en", "est", "et", "il", "je", "la",
        "le", "les", "leur", "ma", "mes", "mon", "ne", "nos", "notre", "nous", "ou", "par", "pas", "pour", "qu", "que",
        "qui", "sa", "se", "ses", "son", "sur", "ta", "te", "tes", "ton", "tu", "un", "une", "vos", "votre", "vous", "y",
        // German and Spanish, the most common
        "der", "die", "das", "und", "ist", "ich", "wie", "mit", "ein", "eine", "el", "los", "las", "y", "como", "con",
        "por", "para", "una", "es",
    ]

    /// Most terms a query uses; the rest is ignored so that ranking work stays bounded.
    public static let maximumQueryTerms = 8
    /// Longest term kept (longer "words" are noise such as pasted tokens).
    public static let maximumTermLength = 40
}
