import Foundation

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
