import Foundation

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

    /// The query word by word: one query per group (the word and its alternatives; the last a prefix when it is one),
    /// to tell which of the query's words a document matches.
    public var words: [SearchQuery] {
        groups.enumerated().map { index, group in
            SearchQuery(groups: [group], lastIsPrefix: lastIsPrefix && index == groups.count - 1)
        }
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
