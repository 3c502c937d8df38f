/// Suffixes and what each means to an algorithm, searched longest first (Snowball's `among`): a trie of the suffixes
/// read backwards, so that finding the longest costs a step per letter matched rather than a test per suffix.
struct SuffixTable<Value: Sendable>: Sendable {
    /// Each node's children, one letter further back; node 0 is the end of the word.
    private var children: [[(letter: Unicode.Scalar, node: Int)]] = [[]]
    /// What the suffix ending at each node means (`nil`: no suffix ends there).
    private var values: [Value?] = [nil]

    /// Each group of suffixes (separated by spaces) with the meaning they share.
    init(_ groups: [(String, Value)]) {
        for (suffixes, value) in groups {
            for suffix in suffixes.split(separator: " ") {
                var node = 0
                for letter in suffix.unicodeScalars.reversed() {
                    if let next = children[node].first(where: { $0.letter == letter }) {
                        node = next.node
                    } else {
                        children.append([])
                        values.append(nil)
                        children[node].append((letter, children.count - 1))
                        node = children.count - 1
                    }
                }
                values[node] = value
            }
        }
    }

    /// The longest suffix that `letters[..<end]` ends with and that starts no earlier than `limit`: where it starts
    /// and what it means.
    func longestMatch(in letters: [Unicode.Scalar], before end: Int, notBefore limit: Int) -> (start: Int, value: Value)? {
        var node = 0, index = end
        var best: (start: Int, value: Value)?
        while index > max(limit, 0) {
            index -= 1
            let letter = letters[index]
            guard let next = children[node].first(where: { $0.letter == letter }) else { break }
            node = next.node
            if let value = values[node] { best = (index, value) }
        }
        return best
    }
}

extension SuffixTable where Value == Void {
    /// Suffixes without a meaning of their own: only whether one is there counts.
    init(_ suffixes: String) {
        self.init([(suffixes, ())])
    }
}
