/// Martin Porter's stemming algorithm (1980), the one SQLite's FTS5 `porter` tokenizer applies: "changing",
/// "changed" and "changes" all become "chang". Words that are not plain ASCII lower-case letters, and words of
/// fewer than three letters, are left as they are.
public enum PorterStemmer {
    public static func stem(_ word: String) -> String {
        let utf8 = word.utf8
        guard utf8.count >= 3, utf8.count <= 64, utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return word }
        var stemmer = Stemmer(Array(utf8))
        stemmer.run()
        return String(decoding: stemmer.b[0...stemmer.k], as: UTF8.self)
    }

    /// The algorithm's state: the word in `b[0...k]`, and `j`, the end of the stem a suffix test left behind.
    private struct Stemmer {
        var b: [UInt8]
        var k: Int
        var j = 0

        init(_ bytes: [UInt8]) {
            b = bytes
            k = bytes.count - 1
        }

        mutating func run() {
            step1ab()
            if k > 0 {
                step1c(); step2(); step3(); step4(); step5()
            }
        }

        private static let a = UInt8(ascii: "a"), e = UInt8(ascii: "e"), i = UInt8(ascii: "i"), o = UInt8(ascii: "o"),
                           u = UInt8(ascii: "u"), y = UInt8(ascii: "y"), s = UInt8(ascii: "s"), l = UInt8(ascii: "l"),
                           z = UInt8(ascii: "z"), w = UInt8(ascii: "w"), x = UInt8(ascii: "x"), t = UInt8(ascii: "t")

        /// Whether `b[index]` is a consonant ("y" is one at the start or after a vowel).
        private func consonant(_ index: Int) -> Bool {
            switch b[index] {
            case Self.a, Self.e, Self.i, Self.o, Self.u: return false
            case Self.y: return index == 0 ? true : !consonant(index - 1)
            default: return true
            }
        }

        /// The number of vowel-consonant sequences in `b[0...j]`.
        private func measure() -> Int {
            var n = 0
            var index = 0
            while true {
                if index > j { return n }
                if !consonant(index) { break }
                index += 1
            }
            index += 1
            while true {
                while true {
                    if index > j { return n }
                    if consonant(index) { break }
                    index += 1
                }
                index += 1
                n += 1
                while true {
                    if index > j { return n }
                    if !consonant(index) { break }
                    index += 1
                }
                index += 1
            }
        }

        private func vowelInStem() -> Bool {
            (0...max(0, j)).contains { j >= 0 && !consonant($0) }
        }

        private func doubleConsonant(_ index: Int) -> Bool {
            index >= 1 && b[index] == b[index - 1] && consonant(index)
        }

        /// consonant-vowel-consonant ending at `index`, the last not w, x or y ("hop", not "snow").
        private func cvc(_ index: Int) -> Bool {
            guard index >= 2, consonant(index), !consonant(index - 1), consonant(index - 2) else { return false }
            return b[index] != Self.w && b[index] != Self.x && b[index] != Self.y
        }

        /// Whether `b[0...k]` ends with `suffix`; if so `j` marks the end of what comes before it.
        private mutating func ends(_ suffix: String) -> Bool {
            let bytes = Array(suffix.utf8)
            let start = k - bytes.count + 1
            guard start >= 0 else { return false }
            var offset = 0
            while offset < bytes.count {
                if b[start + offset] != bytes[offset] { return false }
                offset += 1
            }
            j = k - bytes.count
            return true
        }

        /// Replaces `b[j+1...k]` (possibly empty) with `replacement`.
        private mutating func setTo(_ replacement: String) {
            let bytes = Array(replacement.utf8)
            b.replaceSubrange((j + 1)..<min(k + 1, b.count), with: bytes)
            k = j + bytes.count
        }

        private mutating func replaceIfMeasured(_ replacement: String) {
            if measure() > 0 { setTo(replacement) }
        }

        /// Plurals and -ed or -ing.
        private mutating func step1ab() {
            if b[k] == Self.s {
                if ends("sses") { k -= 2 } else if ends("ies") { setTo("i") } else if k >= 1 && b[k - 1] != Self.s { k -= 1 }
            }
            if ends("eed") {
                if measure() > 0 { k -= 1 }
            } else if (ends("ed") || ends("ing")) && vowelInStem() {
                k = j
                if ends("at") { setTo("ate") } else if ends("bl") { setTo("ble") } else if ends("iz") { setTo("ize") } else if doubleConsonant(k) {
                    k -= 1
                    if b[k] == Self.l || b[k] == Self.s || b[k] == Self.z { k += 1 }
                } else {
                    j = k
                    if measure() == 1 && cvc(k) { setTo("e") }
                }
            }
        }

        /// Terminal y to i when there is another vowel in the stem.
        private mutating func step1c() {
            if ends("y") && vowelInStem() { b[k] = Self.i }
        }

        private static let step2Rules: [UInt8: [(String, String)]] = [
            UInt8(ascii: "a"): [("ational", "ate"), ("tional", "tion")],
            UInt8(ascii: "c"): [("enci", "ence"), ("anci", "ance")],
            UInt8(ascii: "e"): [("izer", "ize")],
            UInt8(ascii: "l"): [("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous")],
            UInt8(ascii: "o"): [("ization", "ize"), ("ation", "ate"), ("ator", "ate")],
            UInt8(ascii: "s"): [("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous")],
            UInt8(ascii: "t"): [("aliti", "al"), ("iviti", "ive"), ("biliti", "ble")],
            UInt8(ascii: "g"): [("logi", "log")],
        ]

        /// Double suffixes to single ones ("-ization" to "-ize").
        private mutating func step2() {
            guard k >= 1, let rules = Self.step2Rules[b[k - 1]] else { return }
            for (suffix, replacement) in rules where ends(suffix) {
                replaceIfMeasured(replacement)
                return
            }
        }

        private static let step3Rules: [UInt8: [(String, String)]] = [
            UInt8(ascii: "e"): [("icate", "ic"), ("ative", ""), ("alize", "al")],
            UInt8(ascii: "i"): [("iciti", "ic")],
            UInt8(ascii: "l"): [("ical", "ic"), ("ful", "")],
            UInt8(ascii: "s"): [("ness", "")],
        ]

        /// -ic-, -full, -ness and the like.
        private mutating func step3() {
            guard let rules = Self.step3Rules[b[k]] else { return }
            for (suffix, replacement) in rules where ends(suffix) {
                replaceIfMeasured(replacement)
                return
            }
        }

        private static let step4Suffixes: [UInt8: [String]] = [
            UInt8(ascii: "a"): ["al"], UInt8(ascii: "c"): ["ance", "ence"], UInt8(ascii: "e"): ["er"],
            UInt8(ascii: "i"): ["ic"], UInt8(ascii: "l"): ["able", "ible"], UInt8(ascii: "n"): ["ant", "ement", "ment", "ent"],
            UInt8(ascii: "o"): ["ion", "ou"], UInt8(ascii: "s"): ["ism"], UInt8(ascii: "t"): ["ate", "iti"],
            UInt8(ascii: "u"): ["ous"], UInt8(ascii: "v"): ["ive"], UInt8(ascii: "z"): ["ize"],
        ]

        /// -ant, -ence and the like, in context <c>vcvc<v>.
        private mutating func step4() {
            guard k >= 1, let suffixes = Self.step4Suffixes[b[k - 1]] else { return }
            var matched = false
            for suffix in suffixes where ends(suffix) {
                if suffix == "ion" {
                    guard j >= 0, b[j] == Self.s || b[j] == Self.t else { return }
                }
                matched = true
                break
            }
            if matched && measure() > 1 { k = j }
        }

        /// A final -e, and -ll to -l, when the measure is large enough.
        private mutating func step5() {
            j = k
            if b[k] == Self.e {
                let m = measure()
                if m > 1 || (m == 1 && !cvc(k - 1)) { k -= 1 }
            }
            if b[k] == Self.l && doubleConsonant(k) && measure() > 1 { k -= 1 }
        }
    }
}
