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

/// A visitor's query as search terms: one group per word typed (the word and its likely corrections). Stop
/// words are dropped unless nothing else is left; the last word is a prefix unless the query ends with a space
/// (the visitor is still typing it).
public struct SearchQuery: Equatable, Sendable {
    public let groups: [[String]]
    public let lastIsPrefix: Bool

    /// Shortest last word searched as a prefix (shorter ones would match most of the vocabulary).
    public static let minimumPrefixLength = 3

    public init(_ raw: String) {
        let words = SearchText.words(String(raw.prefix(2000))).filter { $0.count <= SearchText.maximumTermLength }
        let meaningful = words.filter { !SearchText.stopWords.contains($0) }
        var unique: [String] = []
        for word in (meaningful.isEmpty ? words : meaningful) where !unique.contains(word) { unique.append(word) }
        let terms = Array(unique.prefix(SearchText.maximumQueryTerms))
        groups = terms.map { [$0] }
        let endsWithSpace = raw.last.map { !($0.isLetter || $0.isNumber) } ?? true
        lastIsPrefix = !endsWithSpace && terms.last == words.last && (terms.last?.count ?? 0) >= Self.minimumPrefixLength
    }

    init(groups: [[String]], lastIsPrefix: Bool) {
        self.groups = groups
        self.lastIsPrefix = lastIsPrefix
    }

    /// Every term, corrections included.
    public var terms: [String] { groups.flatMap { $0 } }

    public var isEmpty: Bool { groups.isEmpty }

    /// Most completions searched for a last word still being typed (fewer when the typed word is itself a word).
    public static let maximumCompletions = 4

    /// The query against a vocabulary: mistyped words get their likely corrections added to their group, and a
    /// last word still being typed becomes its most used completions (exact words, which keeps the index work
    /// bounded). A last word that starts no known word is corrected instead, so that a typo there does not empty
    /// the type-ahead results.
    public func corrected(by corrector: TypoCorrector) -> SearchQuery {
        SearchQuery(groups: groups.enumerated().map { index, group in
            let word = group[0]
            if lastIsPrefix && index == groups.count - 1 {
                if corrector.contains(word) {
                    return [word] + corrector.completions(of: word, limit: Self.maximumCompletions / 2 + 1).filter { $0 != word }
                }
                let completions = corrector.completions(of: word, limit: Self.maximumCompletions)
                if !completions.isEmpty { return completions }
            }
            return group + corrector.corrections(for: word).filter { !group.contains($0) }
        }, lastIsPrefix: false)
    }

    /// An FTS5 MATCH expression. `all`: every group must match (AND); otherwise any term (OR), so that articles
    /// matching more of the query rank higher without requiring all of it. Terms are quoted, so no operator can
    /// get through; the last word is a prefix.
    public func fts5Expression(all: Bool) -> String {
        expression(all: all, term: { "\"\($0)\"" + ($1 ? "*" : "") }, and: " AND ", or: " OR ")
    }

    /// A PostgreSQL `to_tsquery` text with the same meaning.
    public func tsqueryExpression(all: Bool) -> String {
        expression(all: all, term: { "'\($0)'" + ($1 ? ":*" : "") }, and: " & ", or: " | ")
    }

    private func expression(all: Bool, term render: (String, Bool) -> String, and: String, or: String) -> String {
        let rendered = groups.enumerated().map { index, group in
            group.enumerated().map { position, term in
                render(term, lastIsPrefix && index == groups.count - 1 && position == 0)
            }
        }
        guard all else { return rendered.flatMap { $0 }.joined(separator: or) }
        return rendered.map { $0.count == 1 ? $0[0] : "(" + $0.joined(separator: or) + ")" }.joined(separator: and)
    }

    /// `matches(_:)` for an ASCII word and the terms as bytes (in `terms` order, groups flattened).
    func matches(_ word: ArraySlice<UInt8>, terms: [[UInt8]]) -> Bool {
        var position = 0
        for (index, group) in groups.enumerated() {
            for (offset, _) in group.enumerated() {
                let term = terms[position]
                position += 1
                if word.elementsEqual(term) { return true }
                if lastIsPrefix && index == groups.count - 1 && offset == 0 && word.starts(with: term) { return true }
                var shared = 0
                var w = word.startIndex
                while shared < term.count, w < word.endIndex, word[w] == term[shared] { shared += 1; w += 1 }
                if shared >= 4 && shared >= min(word.count, term.count) - 3 { return true }
            }
        }
        return false
    }

    /// Whether a folded word of an article matches one of the terms (stem-tolerant: a shared prefix of at least
    /// four letters, or the whole shorter word), for highlighting.
    public func matches(_ word: String) -> Bool {
        groups.enumerated().contains { index, group in
            group.enumerated().contains { position, term in
                if word == term { return true }
                if lastIsPrefix && index == groups.count - 1 && position == 0 && word.hasPrefix(term) { return true }
                let shared = zip(word, term).prefix { $0 == $1 }.count
                return shared >= 4 && shared >= min(word.count, term.count) - 3
            }
        }
    }
}

/// A short excerpt of an article's text around the best match, escaped as HTML, matches wrapped in `<mark>`.
public enum SnippetBuilder {
    /// A query prepared for excerpting many texts. The work is on UTF-8 bytes: words are split on spaces, and only
    /// a word that starts like a term (its first two letters, or a letter past ASCII, which might fold to anything)
    /// is compared with the terms; ASCII words as lower-case bytes, others folded and compared as strings. The
    /// excerpt is escaped byte by byte: bodies are long, excerpts short.
    public struct Highlighter: Sendable {
        public let query: SearchQuery?
        /// The terms as bytes when they are all ASCII (the byte-level matcher's precondition), else empty.
        let termBytes: [[UInt8]]
        /// Bit `first << 8 | second` set for the first two bytes of each term.
        let starts: [UInt64]
        /// A term starts with this byte (a word whose second letter is past ASCII may fold to it).
        let initials: [Bool]
        /// A one-letter term starts with this byte: any word starting with it is compared.
        let shortInitials: [Bool]

        public init(_ query: SearchQuery?) {
            self.query = query
            let terms = query?.terms ?? []
            termBytes = terms.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } } ? terms.map { Array($0.utf8) } : []
            var starts = [UInt64](repeating: 0, count: 1024)
            var initials = [Bool](repeating: false, count: 256), shortInitials = initials
            for term in terms {
                let bytes = Array(term.utf8)
                guard let first = bytes.first else { continue }
                initials[Int(first)] = true
                if bytes.count == 1 {
                    shortInitials[Int(first)] = true
                } else {
                    let bit = Int(first) << 8 | Int(bytes[1])
                    starts[bit >> 6] |= 1 << UInt64(bit & 63)
                }
            }
            self.starts = starts
            self.initials = initials
            self.shortInitials = shortInitials
        }

        /// Whether a word starting with `first` and `second` (lower case; 0 when the word has one letter) may match.
        private func mayMatch(_ first: UInt8, _ second: UInt8) -> Bool {
            if first >= 0x80 || shortInitials[Int(first)] { return true }
            if second >= 0x80 { return initials[Int(first)] }
            let bit = Int(first) << 8 | Int(second)
            return second != 0 && starts[bit >> 6] & (1 << UInt64(bit & 63)) != 0
        }

        /// About `windowSize` words of `text` around its best match. `folded` is `SearchText.fold(text)` when the
        /// caller has it, which spares folding again the words that are not ASCII.
        public func snippet(_ text: String, folded: String? = nil, words windowSize: Int = 24) -> String {
            let bytes = Array(text.utf8)
            var tokens: [Range<Int>] = []
            var matched: [Bool] = []
            scan(bytes, tokens: &tokens, candidates: &matched)
            guard !tokens.isEmpty else { return "" }
            if let query { compare(bytes, tokens: tokens, candidates: &matched, folded: folded, query: query) }
            var bestStart = 0, bestCount = -1
            var count = 0
            for index in tokens.indices {
                if matched[index] { count += 1 }
                if index >= windowSize, matched[index - windowSize] { count -= 1 }
                let start = max(0, index - windowSize + 1)
                if count > bestCount { bestCount = count; bestStart = start }
            }
            // Start a little before the first match of the window, for context.
            if let first = (bestStart..<min(tokens.count, bestStart + windowSize)).first(where: { matched[$0] }) {
                bestStart = max(0, min(first - 4, tokens.count - windowSize))
            }
            let end = min(tokens.count, bestStart + windowSize)
            var excerpt: [UInt8] = []
            excerpt.reserveCapacity(tokens[end - 1].upperBound - tokens[bestStart].lowerBound + 64)
            if bestStart > 0 { excerpt.append(contentsOf: "… ".utf8) }
            for index in bestStart..<end {
                if index > bestStart { excerpt.append(0x20) }
                if matched[index] { excerpt.append(contentsOf: "<mark>".utf8) }
                for byte in bytes[tokens[index]] { HTMLSanitizer.appendEscaped(byte, to: &excerpt) }
                if matched[index] { excerpt.append(contentsOf: "</mark>".utf8) }
            }
            if end < tokens.count { excerpt.append(contentsOf: " …".utf8) }
            return String(decoding: excerpt, as: UTF8.self)
        }

        /// One pass over the text: its words between spaces (`tokens`), and for each whether one of its words
        /// starts like a term (`candidates`).
        private func scan(_ bytes: [UInt8], tokens: inout [Range<Int>], candidates: inout [Bool]) {
            // Local arrays, not the inout ones, in the loop: appending through inout costs an exclusivity check each.
            var found: [Range<Int>] = [], flags: [Bool] = []
            found.reserveCapacity(bytes.count / 5)
            flags.reserveCapacity(bytes.count / 5)
            var start = -1, candidate = false
            // The first letter of the word being read, and how many letters of it have been read (up to 2).
            var first: UInt8 = 0, letters = 0
            for index in 0...bytes.count {
                let byte = index < bytes.count ? bytes[index] : 0x20
                let lower = byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte
                if lower >= 0x80 || SnippetBuilder.isWordByte(lower) {
                    if start < 0 { start = index; candidate = false }
                    if letters == 0 {
                        first = lower
                        letters = 1
                    } else if letters == 1 {
                        if !candidate && mayMatch(first, lower) { candidate = true }
                        letters = 2
                    }
                    continue
                }
                if letters == 1 && !candidate && mayMatch(first, 0) { candidate = true }
                letters = 0
                if byte == 0x20 {
                    if start >= 0 {
                        found.append(start..<index)
                        flags.append(candidate)
                        start = -1
                    }
                } else if start < 0 {
                    start = index
                    candidate = false
                }
            }
            tokens = found
            candidates = flags
        }

        /// Replaces each candidate flag with whether the token really has a word that matches the query.
        private func compare(_ bytes: [UInt8], tokens: [Range<Int>], candidates matched: inout [Bool], folded: String?, query: SearchQuery) {
            var lowered: [UInt8] = []
            var foldedTokens: (bytes: [UInt8], ranges: [Range<Int>])? = nil
            for index in tokens.indices where matched[index] {
                let token = bytes[tokens[index]]
                if !termBytes.isEmpty && !token.contains(where: { $0 >= 0x80 }) {
                    lowered.removeAll(keepingCapacity: true)
                    for byte in token { lowered.append(byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte) }
                    matched[index] = SnippetBuilder.asciiWordMatches(lowered[...], termBytes, query: query)
                    continue
                }
                if foldedTokens == nil, let folded {
                    let foldedBytes = Array(folded.utf8)
                    let ranges = SnippetBuilder.spaceSeparated(foldedBytes)
                    // Used only when it lines up with the text word for word.
                    foldedTokens = ranges.count == tokens.count ? (foldedBytes, ranges) : ([], [])
                }
                let source: String
                if let foldedTokens, index < foldedTokens.ranges.count {
                    source = String(decoding: foldedTokens.bytes[foldedTokens.ranges[index]], as: UTF8.self)
                } else {
                    source = String(decoding: token, as: UTF8.self)
                }
                matched[index] = SearchText.words(source).contains(where: query.matches)
            }
        }
    }

    /// `SearchQuery.matches` over the words of an ASCII token (split on anything but lower-case letters and digits;
    /// folded text is already lower case), without making strings.
    static func asciiWordMatches(_ token: ArraySlice<UInt8>, _ terms: [[UInt8]], query: SearchQuery) -> Bool {
        var start = token.startIndex
        while start < token.endIndex {
            while start < token.endIndex, !isWordByte(token[start]) { start += 1 }
            var end = start
            while end < token.endIndex, isWordByte(token[end]) { end += 1 }
            if end > start, query.matches(token[start..<end], terms: terms) { return true }
            start = end
        }
        return false
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
    }

    /// The byte ranges of the words between spaces.
    static func spaceSeparated(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start: Int? = nil
        for (index, byte) in bytes.enumerated() {
            if byte == 0x20 {
                if let begun = start { ranges.append(begun..<index); start = nil }
            } else if start == nil {
                start = index
            }
        }
        if let begun = start { ranges.append(begun..<bytes.count) }
        return ranges
    }
}
