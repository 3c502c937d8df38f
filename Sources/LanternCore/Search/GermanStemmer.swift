/// Snowball's German stemmer (as Snowball 3.1 defines it), the algorithm of PostgreSQL's `german` text search
/// configuration: "Bedürfnissen" becomes "bedurfnis", "Freundlichkeiten" "freundlich". Written from the algorithm's
/// description on snowballstem.org; `SnowballStemmerTests` checks it word for word against Snowball's own output.
/// Lantern's words never contain an apostrophe, so the final apostrophe step has nothing to do and is left out.
enum GermanStemmer {
    static func stem(_ word: String) -> String {
        var w = SnowballWord(word)
        prelude(&w)
        let (r1, r2) = regions(w)
        step1(&w, r1: r1)
        step2(&w, r1: r1)
        step3(&w, r1: r1, r2: r2)
        return SnowballWord.string(w.letters.map(plain))
    }

    static let vowels = LetterSet("aeiouyäöü")
    /// A mark or umlaut as the stem shows it.
    private static func plain(_ letter: Unicode.Scalar) -> Unicode.Scalar {
        switch letter {
        case "U", "ü": "u"
        case "Y": "y"
        case "ä": "a"
        case "ö": "o"
        default: letter
        }
    }

    /// "u" and "y" between vowels are consonants, marked in upper case; then "ß" is written "ss", and "ae", "oe" and
    /// "ue" (but not "que") "ä", "ö" and "ü".
    private static func prelude(_ w: inout SnowballWord) {
        for index in w.letters.indices.dropFirst() where index + 1 < w.count {
            guard vowels.contains(w[index - 1]), vowels.contains(w[index + 1]) else { continue }
            if w[index] == "u" { w[index] = "U" } else if w[index] == "y" { w[index] = "Y" }
        }
        var letters: [Unicode.Scalar] = []
        letters.reserveCapacity(w.count + 1)
        var index = 0
        while index < w.count {
            let letter = w[index], next = w.letter(at: index + 1)
            switch (letter, next) {
            case ("ß", _): letters += ["s", "s"]
            case ("a", "e"): letters.append("ä"); index += 1
            case ("o", "e"): letters.append("ö"); index += 1
            case ("u", "e"): letters.append("ü"); index += 1
            case ("q", "u"): letters += ["q", "u"]; index += 1
            default: letters.append(letter)
            }
            index += 1
        }
        w.letters = letters
    }

    /// R1 and R2, R1 starting no earlier than the fourth letter.
    private static func regions(_ w: SnowballWord) -> (r1: Int, r2: Int) {
        guard w.count >= 3 else { return (w.count, w.count) }
        let standard = w.regionStart(from: 0, vowels: vowels)
        return (max(standard, 3), w.regionStart(from: standard, vowels: vowels))
    }

    private enum Step1 { case em, delete, eEnEs, s, ln }
    private static let step1Suffixes = SuffixTable<Step1>([
        ("em", .em), ("erinnen erin ern er", .delete), ("e en es", .eEnEs), ("s", .s), ("ln lns", .ln),
    ])
    /// Letters after which a final "s" is an ending.
    private static let sEndings = LetterSet("bdfghklmnrt")

    private static func step1(_ w: inout SnowballWord, r1: Int) {
        guard let (start, rule) = w.longestSuffix(in: step1Suffixes), start >= r1 else { return }
        switch rule {
        case .em: if !w.hasSuffix("syst", before: start) { w.truncate(at: start) }
        case .delete: w.truncate(at: start)
        case .eEnEs:
            w.truncate(at: start)
            if w.hasSuffix("niss") { w.letters.removeLast() }
        case .s: if let before = w.letter(at: start - 1), sEndings.contains(before) { w.truncate(at: start) }
        case .ln: w.replace(from: start, with: "l")
        }
    }

    private enum Step2 { case delete, st, et }
    private static let step2Suffixes = SuffixTable<Step2>([("en er est", .delete), ("st", .st), ("et", .et)])
    private static let stEndings = LetterSet("bdfghklmnt")
    /// Letters after which "et" is an ending, unless one of `etExceptions` comes before it.
    private static let etEndings = LetterSet("Udfgklmnrstzä")
    private static let etExceptions = ["tick", "plan", "geordn", "intern", "tr"]

    private static func step2(_ w: inout SnowballWord, r1: Int) {
        guard let (start, rule) = w.longestSuffix(in: step2Suffixes), start >= r1 else { return }
        switch rule {
        case .delete:
            w.truncate(at: start)
        case .st:
            // After a valid ending itself preceded by at least three letters.
            if start - 1 >= 3, stEndings.contains(w[start - 1]) { w.truncate(at: start) }
        case .et:
            guard let before = w.letter(at: start - 1), etEndings.contains(before),
                  !etExceptions.contains(where: { w.hasSuffix($0, before: start) }) else { return }
            w.truncate(at: start)
        }
    }

    private enum Step3 { case endUng, igIkIsch, lichHeit, keit }
    private static let step3Suffixes = SuffixTable<Step3>([
        ("end ung", .endUng), ("ig ik isch", .igIkIsch), ("lich heit", .lichHeit), ("keit", .keit),
    ])

    private static func step3(_ w: inout SnowballWord, r1: Int, r2: Int) {
        guard let (start, rule) = w.longestSuffix(in: step3Suffixes), start >= r2 else { return }
        switch rule {
        case .endUng:
            w.truncate(at: start)
            if w.hasSuffix("ig"), w.letter(at: start - 3) != "e", start - 2 >= r2 { w.truncate(at: start - 2) }
        case .igIkIsch:
            if w.letter(at: start - 1) != "e" { w.truncate(at: start) }
        case .lichHeit:
            w.truncate(at: start)
            if w.hasSuffix("er") || w.hasSuffix("en"), start - 2 >= r1 { w.truncate(at: start - 2) }
        case .keit:
            w.truncate(at: start)
            if w.hasSuffix("lich"), start - 4 >= r2 { w.truncate(at: start - 4) }
            else if w.hasSuffix("ig"), start - 2 >= r2 { w.truncate(at: start - 2) }
        }
    }
}
