/// Snowball's English stemmer ("Porter2", as Snowball 3.1 defines it), the algorithm of PostgreSQL's `english` text
/// search configuration: "changing", "changed" and "changes" become "chang", "generously" becomes "generous".
/// Written from the algorithm's description on snowballstem.org; `SnowballStemmerTests` checks it word for word
/// against Snowball's own output. Lantern's words never contain an apostrophe (`SearchText.words` splits on it), so
/// the algorithm's apostrophe step has nothing to do here and is left out.
enum EnglishStemmer {
    static func stem(_ word: String) -> String {
        if let exception = exceptions[word] { return exception }
        var w = SnowballWord(word)
        guard w.count >= 3 else { return word }
        // Prelude: "y" at the start or after a vowel is a consonant, marked "Y".
        for index in w.letters.indices where w[index] == "y" && (index == 0 || vowels.contains(w[index - 1])) { w[index] = "Y" }
        let p1 = regionPrefixes.first { w.letters.starts(with: $0) }?.count ?? w.regionStart(from: 0, vowels: vowels)
        let p2 = w.regionStart(from: p1, vowels: vowels)
        step1a(&w)
        step1b(&w, p1: p1)
        step1c(&w)
        step2(&w, p1: p1)
        step3(&w, p1: p1, p2: p2)
        step4(&w, p2: p2)
        step5(&w, p1: p1, p2: p2)
        for index in w.letters.indices where w[index] == "Y" { w[index] = "y" }
        return w.string
    }

    static let vowels = LetterSet("aeiouy")

    /// Words stemmed as a whole: special forms, and words left as they are.
    private static let exceptions: [String: String] = [
        "skis": "ski", "skies": "sky", "idly": "idl", "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli",
        "singly": "singl", "sky": "sky", "news": "news", "howe": "howe", "atlas": "atlas", "cosmos": "cosmos",
        "bias": "bias", "andes": "andes",
    ]

    /// Words beginning with these have R1 right after them ("generous" and "general" keep apart).
    private static let regionPrefixes: [[Unicode.Scalar]] = ["arsen", "commun", "emerg", "gener", "inter", "later", "organ", "past", "univers"]
        .map { Array($0.unicodeScalars) }

    /// A short syllable ends at `end`: non-vowel, vowel, non-vowel other than "w", "x" or "Y"; or a vowel at the start
    /// of the word followed by a non-vowel; or "past".
    private static func endsWithShortSyllable(_ w: SnowballWord, at end: Int) -> Bool {
        func isVowel(_ index: Int) -> Bool { vowels.contains(w[index]) }
        if end >= 3, !isVowel(end - 3), isVowel(end - 2), !isVowel(end - 1), !nonShortEndings.contains(w[end - 1]) { return true }
        if end == 2, isVowel(0), !isVowel(1) { return true }
        return w.hasSuffix("past", before: end)
    }

    /// Non-vowels that do not end a short syllable.
    private static let nonShortEndings = LetterSet("wxY")

    private enum Step1a { case sses, ies, s, keep }
    private static let step1aSuffixes = SuffixTable<Step1a>([("sses", .sses), ("ied ies", .ies), ("s", .s), ("us ss", .keep)])

    private static func step1a(_ w: inout SnowballWord) {
        guard let (start, rule) = w.longestSuffix(in: step1aSuffixes) else { return }
        switch rule {
        case .sses: w.replace(from: start, with: "ss")
        case .ies: w.replace(from: start, with: start > 1 ? "i" : "ie")
        case .s:
            // Deleted when a vowel comes before the letter just before it ("gaps", not "gas").
            if start >= 2, w.letters[0..<(start - 1)].contains(where: vowels.contains) { w.truncate(at: start) }
        case .keep: break
        }
    }

    private enum Step1b { case eed, ed, ing }
    private static let step1bSuffixes = SuffixTable<Step1b>([("eed eedly", .eed), ("ed edly ingly", .ed), ("ing", .ing)])
    private static let aeo = LetterSet("aeo")
    /// Stems before "eed" that are the whole word ("proceed", "exceed", "succeed").
    private static let eedExceptions = ["proc", "exc", "succ"]
    /// Stems before "ing" that are the whole word and stay ("inning", "outing", "herring", "evening").
    private static let ingExceptions = ["inn", "out", "cann", "herr", "earr", "even"]
    /// Letters whose doubling at the end is undone.
    private static let doubled = LetterSet("bdfgmnprt")

    private static func step1b(_ w: inout SnowballWord, p1: Int) {
        guard let (start, rule) = w.longestSuffix(in: step1bSuffixes) else { return }
        switch rule {
        case .eed:
            if start >= p1, !eedExceptions.contains(where: { w.isExactly($0, before: start) }) { w.replace(from: start, with: "ee") }
            return
        case .ing:
            // "dying" → "die": a non-vowel and "y" are the whole stem.
            if start == 2, w[1] == "y", !vowels.contains(w[0]) { w.replace(from: 1, with: "ie"); return }
            if ingExceptions.contains(where: { w.isExactly($0, before: start) }) { return }
        case .ed: break
        }
        guard w.letters[0..<start].contains(where: vowels.contains) else { return }
        w.truncate(at: start)
        if w.hasSuffix("at") || w.hasSuffix("bl") || w.hasSuffix("iz") {
            w.letters.append("e")
        } else if w.count >= 2, w[w.count - 1] == w[w.count - 2], doubled.contains(w[w.count - 1]) {
            // Undoubled ("hopp" → "hop") unless the double follows exactly "a", "e" or "o" ("add", "egg", "off").
            if !(w.count == 3 && aeo.contains(w[0])) { w.letters.removeLast() }
        } else if w.count == p1, endsWithShortSyllable(w, at: w.count) {
            w.letters.append("e")
        }
    }

    /// A final "y" after a non-vowel that is not the first letter becomes "i" ("cry" → "cri", "by" stays).
    private static func step1c(_ w: inout SnowballWord) {
        let last = w.count - 1
        guard last >= 2, w[last] == "y" || w[last] == "Y", !vowels.contains(w[last - 1]) else { return }
        w[last] = "i"
    }

    private enum Step2 { case replace(String), ogi, li }
    private static let step2Suffixes = SuffixTable<Step2>([
        ("tional", .replace("tion")), ("enci", .replace("ence")), ("anci", .replace("ance")), ("abli", .replace("able")),
        ("entli", .replace("ent")), ("izer ization", .replace("ize")), ("ational ation ator", .replace("ate")),
        ("alism aliti alli", .replace("al")), ("fulness fulli", .replace("ful")), ("ousli ousness", .replace("ous")),
        ("iveness iviti", .replace("ive")), ("biliti bli", .replace("ble")), ("ogist", .replace("og")), ("ogi", .ogi),
        ("lessli", .replace("less")), ("li", .li),
    ])
    /// Letters before which "li" is a suffix.
    private static let validLiEndings = LetterSet("cdeghkmnrt")

    private static func step2(_ w: inout SnowballWord, p1: Int) {
        guard let (start, rule) = w.longestSuffix(in: step2Suffixes), start >= p1 else { return }
        switch rule {
        case .replace(let replacement): w.replace(from: start, with: replacement)
        case .ogi: if w.letter(at: start - 1) == "l" { w.replace(from: start, with: "og") }
        case .li: if let before = w.letter(at: start - 1), validLiEndings.contains(before) { w.truncate(at: start) }
        }
    }

    private enum Step3 { case replace(String), delete, ative }
    private static let step3Suffixes = SuffixTable<Step3>([
        ("tional", .replace("tion")), ("ational", .replace("ate")), ("alize", .replace("al")),
        ("icate iciti ical", .replace("ic")), ("ful ness", .delete), ("ative", .ative),
    ])

    private static func step3(_ w: inout SnowballWord, p1: Int, p2: Int) {
        guard let (start, rule) = w.longestSuffix(in: step3Suffixes), start >= p1 else { return }
        switch rule {
        case .replace(let replacement): w.replace(from: start, with: replacement)
        case .delete: w.truncate(at: start)
        case .ative: if start >= p2 { w.truncate(at: start) }
        }
    }

    private enum Step4 { case delete, ion }
    private static let step4Suffixes = SuffixTable<Step4>([
        ("al ance ence er ic able ible ant ement ment ent ism ate iti ous ive ize", .delete), ("ion", .ion),
    ])

    private static func step4(_ w: inout SnowballWord, p2: Int) {
        guard let (start, rule) = w.longestSuffix(in: step4Suffixes), start >= p2 else { return }
        switch rule {
        case .delete: w.truncate(at: start)
        case .ion: if w.letter(at: start - 1) == "s" || w.letter(at: start - 1) == "t" { w.truncate(at: start) }
        }
    }

    private static func step5(_ w: inout SnowballWord, p1: Int, p2: Int) {
        let last = w.count - 1
        guard last >= 0 else { return }
        if w[last] == "e", last >= p2 || (last >= p1 && !endsWithShortSyllable(w, at: last)) {
            w.letters.removeLast()
        } else if w[last] == "l", last >= p2, w.letter(at: last - 1) == "l" {
            w.letters.removeLast()
        }
    }
}
