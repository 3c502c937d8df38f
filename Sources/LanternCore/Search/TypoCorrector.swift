/// Suggests the words of a vocabulary that a mistyped query term probably meant ("pasword" → "password",
/// "chnage" → "change"), by symmetric deletion: two words within one edit share a one-deletion variant.
public struct TypoCorrector: Sendable {
    /// Words shorter than this are never corrected (too many near neighbours).
    public static let minimumLength = 4

    private let words: SearchWords
    /// The folders whose words count; `nil`: all.
    private let folders: Set<Int>?

    /// `frequency`: how many documents use each (folded) word.
    public init(frequency: [String: Int]) {
        words = SearchWords(frequency: frequency)
        folders = nil
    }

    /// The words of `folders` in `words`.
    init(words: SearchWords, folders: Set<Int>) {
        self.words = words
        self.folders = folders
    }

    public func contains(_ word: String) -> Bool { words.frequency(word, folders: folders) != nil }

    /// Whether some known word starts with `prefix` (a type-ahead term still being typed).
    public func hasWord(withPrefix prefix: String) -> Bool {
        var found = false
        words.eachWord(withPrefix: prefix, folders: folders) { _, _ in
            found = true
            return false
        }
        return found
    }

    /// The `limit` most used known words that start with `prefix`: what a visitor still typing probably means.
    /// Searching for these exact words bounds the work a short prefix would otherwise cause.
    public func completions(of prefix: String, limit: Int) -> [String] {
        guard limit > 0 else { return [] }
        // The `limit` best, most used first (ties: alphabetical), without sorting every match of a short prefix.
        var best: [(word: String, uses: Int)] = []
        words.eachWord(withPrefix: prefix, folders: folders) { word, uses in
            if best.count == limit, let last = best.last, uses <= last.uses { return true }
            let position = best.firstIndex { uses > $0.uses } ?? best.count
            best.insert((word, uses), at: position)
            if best.count > limit { best.removeLast() }
            return true
        }
        return best.map(\.word)
    }

    /// Up to `limit` known words within one edit of `term` (two for terms of eight letters or more), most used first.
    /// Empty when `term` is itself known, short, or has no close neighbour.
    public func corrections(for term: String, limit: Int = 2) -> [String] {
        guard term.count >= Self.minimumLength, !contains(term) else { return [] }
        let allowed = term.count >= 8 ? 2 : 1
        var variants = Self.deletions(of: term)
        if allowed == 2 { for variant in variants { variants.formUnion(Self.deletions(of: variant)) } }
        var candidates = words.wordsDeleting(to: [term] + variants, folders: folders)
        for variant in variants where variant.count >= Self.minimumLength {
            if let uses = words.frequency(variant, folders: folders) { candidates[variant] = uses }
        }
        return candidates.filter { Self.distance(term, $0.key) <= allowed }
            .sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            .prefix(limit).map(\.key)
    }

    static func deletions(of word: String) -> Set<String> {
        let characters = Array(word)
        var variants = Set<String>()
        for index in characters.indices {
            var copy = characters
            copy.remove(at: index)
            variants.insert(String(copy))
        }
        return variants
    }

    /// Whether `variant` is `word` with one character left out (one of `deletions(of: word)`).
    static func isDeletion(_ variant: String, of word: String) -> Bool {
        let variant = Array(variant), word = Array(word)
        guard variant.count + 1 == word.count else { return false }
        var index = 0
        while index < variant.count, variant[index] == word[index] { index += 1 }
        return variant[index...].elementsEqual(word[(index + 1)...])
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previousPrevious[j - 2] + 1)
                }
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
