/// A word as Snowball's stemming algorithms work on it: its letters as Unicode scalars (so that "é" is one letter),
/// with the suffix tests and regions their descriptions are written in. Upper-case letters are the algorithms'
/// markers ("U", "I", "Y", "H"), never the word's own: the words stemmed are lower case.
struct SnowballWord {
    var letters: [Unicode.Scalar]

    init(_ word: String) {
        let utf8 = word.utf8
        letters = utf8.allSatisfy { $0 < 0x80 } ? utf8.map { Unicode.Scalar($0) } : Array(word.unicodeScalars)
    }

    var string: String { Self.string(letters) }

    /// `letters` as a string (written as UTF-8 directly: appending scalars to a `String` one by one is many times
    /// slower than the stemming itself).
    static func string(_ letters: [Unicode.Scalar]) -> String {
        String(unsafeUninitializedCapacity: letters.count * 4) { buffer in
            var count = 0
            for letter in letters {
                for byte in UTF8.encode(letter)! {
                    buffer[count] = byte
                    count += 1
                }
            }
            return count
        }
    }

    var count: Int { letters.count }

    subscript(index: Int) -> Unicode.Scalar {
        get { letters[index] }
        set { letters[index] = newValue }
    }

    /// The letter at `index`, `nil` outside the word.
    func letter(at index: Int) -> Unicode.Scalar? {
        index >= 0 && index < letters.count ? letters[index] : nil
    }

    /// Whether the letters before `end` (the whole word by default) end with `suffix`.
    func hasSuffix(_ suffix: String, before end: Int? = nil) -> Bool {
        var index = end ?? letters.count
        for letter in suffix.unicodeScalars.reversed() {
            index -= 1
            guard index >= 0, letters[index] == letter else { return false }
        }
        return true
    }

    /// Whether the letters before `end` are exactly `text`.
    func isExactly(_ text: String, before end: Int) -> Bool {
        text.unicodeScalars.count == end && hasSuffix(text, before: end)
    }

    /// The longest entry of `table` that the letters before `end` end with, starting no earlier than `limit`
    /// (Snowball's `substring among`): where it starts and what it means.
    func longestSuffix<Value>(in table: SuffixTable<Value>, before end: Int? = nil, notBefore limit: Int = 0) -> (start: Int, value: Value)? {
        table.longestMatch(in: letters, before: end ?? letters.count, notBefore: limit)
    }

    /// Replaces the letters from `start` to the end (or to `end`) with `replacement`.
    mutating func replace(from start: Int, to end: Int? = nil, with replacement: String) {
        letters.replaceSubrange(start..<(end ?? letters.count), with: replacement.unicodeScalars)
    }

    /// Deletes the letters from `start` to the end.
    mutating func truncate(at start: Int) {
        letters.removeSubrange(start...)
    }

    /// Where a region starts when it is "the region after the first non-vowel following a vowel", searching from
    /// `start`: the end of the word when there is no such non-vowel (R1 from the start of the word, R2 from R1).
    func regionStart(from start: Int, vowels: LetterSet) -> Int {
        var index = start
        while index < letters.count, !vowels.contains(letters[index]) { index += 1 }
        while index < letters.count, vowels.contains(letters[index]) { index += 1 }
        return min(index + 1, letters.count)
    }
}
