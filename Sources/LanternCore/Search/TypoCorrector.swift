/// Suggests the words of a vocabulary that a mistyped query term probably meant ("pasword" → "password",
/// "chnage" → "change"), by symmetric deletion: two words within one edit share a one-deletion variant.
public struct TypoCorrector: Sendable {
    /// Words shorter than this are never corrected (too many near neighbours).
    public static let minimumLength = 4

    private let frequency: [String: Int]
    private let sortedWords: [String]
    private var byDeletion: [String: [String]] = [:]

    /// `frequency`: how many documents use each (folded) word.
    public init(frequency: [String: Int]) {
        self.frequency = frequency
        sortedWords = frequency.keys.sorted()
        for word in frequency.keys where word.count >= Self.minimumLength {
            for variant in Self.deletions(of: word) { byDeletion[variant, default: []].append(word) }
        }
    }

    public func contains(_ word: String) -> Bool { frequency[word] != nil }

    /// Whether some known word starts with `prefix` (a type-ahead term still being typed).
    public func hasWord(withPrefix prefix: String) -> Bool {
        let start = firstIndex(notBefore: prefix)
        return start < sortedWords.count && sortedWords[start].hasPrefix(prefix)
    }

    /// The `limit` most used known words that start with `prefix`: what a visitor still typing probably means.
    /// Searching for these exact words bounds the work a short prefix would otherwise cause.
    public func completions(of prefix: String, limit: Int) -> [String] {
        guard limit > 0 else { return [] }
        var index = firstIndex(notBefore: prefix)
        // The `limit` best, most used first (ties: alphabetical), without sorting every match of a short prefix.
        var best: [(word: String, uses: Int)] = []
        while index < sortedWords.count, sortedWords[index].hasPrefix(prefix) {
            let word = sortedWords[index], uses = frequency[word]!
            index += 1
            if best.count == limit, let last = best.last, uses <= last.uses { continue }
            let position = best.firstIndex { uses > $0.uses } ?? best.count
            best.insert((word, uses), at: position)
            if best.count > limit { best.removeLast() }
        }
        return best.map(\.word)
    }

    private func firstIndex(notBefore word: String) -> Int {
        var low = 0, high = sortedWords.count
        while low < high {
            let middle = (low + high) / 2
            if sortedWords[middle] < word { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Up to `limit` known words within one edit of `term` (two for terms of eight letters or more), most used first.
    /// Empty when `term` is itself known, short, or has no close neighbour.
    public func corrections(for term: String, limit: Int = 2) -> [String] {
        guard term.count >= Self.minimumLength, frequency[term] == nil else { return [] }
        let allowed = term.count >= 8 ? 2 : 1
        var variants = Self.deletions(of: term)
        if allowed == 2 { for variant in variants { variants.formUnion(Self.deletions(of: variant)) } }
        var candidates = Set(byDeletion[term] ?? [])
        for variant in variants {
            if frequency[variant] != nil && variant.count >= Self.minimumLength { candidates.insert(variant) }
            candidates.formUnion(byDeletion[variant] ?? [])
        }
        return candidates.filter { Self.distance(term, $0) <= allowed }
            .sorted { (frequency[$0]!, $1) > (frequency[$1]!, $0) }
            .prefix(limit).map { $0 }
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
