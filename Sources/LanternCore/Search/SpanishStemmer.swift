/// Snowball's Spanish stemmer (as Snowball 3.1 defines it), the algorithm of PostgreSQL's `spanish` text search
/// configuration: "haciéndola" becomes "hac", "responsabilidades" "respons". Written from the algorithm's
/// description on snowballstem.org; `SnowballStemmerTests` checks it word for word against Snowball's own output.
enum SpanishStemmer {
    static func stem(_ word: String) -> String {
        var w = SnowballWord(word)
        let regions = Regions(w)
        attachedPronoun(&w, regions)
        if !standardSuffix(&w, regions), !yVerbSuffix(&w, regions) { verbSuffix(&w, regions) }
        residualSuffix(&w, regions)
        return SnowballWord.string(w.letters.map(unaccented))
    }

    static let vowels = LetterSet("aeiouáéíóúü")
    private static func unaccented(_ letter: Unicode.Scalar) -> Unicode.Scalar {
        switch letter {
        case "á": "a"
        case "é": "e"
        case "í": "i"
        case "ó": "o"
        case "ú": "u"
        default: letter
        }
    }

    /// RV, R1 and R2, as where each starts.
    private struct Regions {
        let rv: Int, r1: Int, r2: Int

        init(_ w: SnowballWord) {
            let vowels = SpanishStemmer.vowels
            func isVowel(_ index: Int) -> Bool { w.letter(at: index).map(vowels.contains) ?? false }
            /// The position after the first letter from `start` that is (or is not) a vowel.
            func after(vowel: Bool, from start: Int) -> Int? {
                (start..<w.count).first { isVowel($0) == vowel }.map { $0 + 1 }
            }
            var rv: Int?
            if w.count >= 2 {
                switch (isVowel(0), isVowel(1)) {
                case (true, false): rv = after(vowel: true, from: 2)
                case (true, true): rv = after(vowel: false, from: 2)
                case (false, false): rv = after(vowel: true, from: 2)
                case (false, true): rv = w.count >= 3 ? 3 : nil
                }
            }
            self.rv = rv ?? w.count
            r1 = w.regionStart(from: 0, vowels: vowels)
            r2 = w.regionStart(from: r1, vowels: vowels)
        }
    }

    private static let pronouns = SuffixTable<Void>("me se sela selo selas selos la le lo las les los nos")
    private enum VerbBeforePronoun { case replace(String), keep, yendo }
    private static let verbsBeforePronoun = SuffixTable<VerbBeforePronoun>([
        ("iéndo", .replace("iendo")), ("ándo", .replace("ando")), ("ár", .replace("ar")), ("ér", .replace("er")),
        ("ír", .replace("ir")), ("ando iendo ar er ir", .keep), ("yendo", .yendo),
    ])

    /// Step 0: a pronoun attached to an infinitive or gerund in RV ("haciéndola" → "haciendo").
    private static func attachedPronoun(_ w: inout SnowballWord, _ regions: Regions) {
        guard let (pronoun, _) = w.longestSuffix(in: pronouns),
              let (start, verb) = w.longestSuffix(in: verbsBeforePronoun, before: pronoun), start >= regions.rv else { return }
        switch verb {
        case .replace(let unaccented): w.replace(from: start, with: unaccented)
        case .keep: w.truncate(at: pronoun)
        case .yendo: if w.letter(at: start - 1) == "u" { w.truncate(at: pronoun) }
        }
    }

    private enum Standard { case deleteInR2, ador, logia, ucion, encia, amente, mente, idad, ivo }
    private static let standardSuffixes = SuffixTable<Standard>([
        ("anza anzas ico ica icos icas ismo ismos able ables ible ibles ista istas oso osa osos osas amiento amientos imiento imientos",
         .deleteInR2),
        ("adora ador ación acion adoras adores aciones ante antes ancia ancias", .ador), ("logía logías", .logia),
        ("ución ucion uciones", .ucion), ("encia encias", .encia), ("amente", .amente), ("mente", .mente),
        ("idad idades", .idad), ("iva ivo ivas ivos", .ivo),
    ])
    private static let beforeAmente = SuffixTable<Bool>([("ic ad os", false), ("iv", true)])
    private static let beforeMente = SuffixTable<Void>("able ible ante")
    private static let beforeIdad = SuffixTable<Void>("ic abil iv")

    /// Step 1: standard endings. True when one was removed.
    private static func standardSuffix(_ w: inout SnowballWord, _ regions: Regions) -> Bool {
        guard let (start, rule) = w.longestSuffix(in: standardSuffixes) else { return false }
        if rule == .amente {
            guard start >= regions.r1 else { return false }
        } else {
            guard start >= regions.r2 else { return false }
        }
        w.truncate(at: start)
        switch rule {
        case .deleteInR2: break
        case .ador: deleteInR2(&w, "ic", regions)
        case .logia: w.letters += ["l", "o", "g"]
        case .ucion: w.letters.append("u")
        case .encia: w.letters += ["e", "n", "t", "e"]
        case .amente:
            guard let (before, isIv) = w.longestSuffix(in: beforeAmente), before >= regions.r2 else { break }
            w.truncate(at: before)
            if isIv { deleteInR2(&w, "at", regions) }
        case .mente:
            if let (before, _) = w.longestSuffix(in: beforeMente), before >= regions.r2 { w.truncate(at: before) }
        case .idad:
            if let (before, _) = w.longestSuffix(in: beforeIdad), before >= regions.r2 { w.truncate(at: before) }
        case .ivo: deleteInR2(&w, "at", regions)
        }
        return true
    }

    /// Deletes a final `suffix` that lies in R2.
    private static func deleteInR2(_ w: inout SnowballWord, _ suffix: String, _ regions: Regions) {
        if w.hasSuffix(suffix), w.count - suffix.unicodeScalars.count >= regions.r2 { w.truncate(at: w.count - suffix.unicodeScalars.count) }
    }

    private static let yVerbSuffixes = SuffixTable<Void>("ya ye yan yen yeron yendo yo yó yas yes yais yamos")

    /// Step 2a: verb endings beginning "y", in RV, after "u". True when one was removed.
    private static func yVerbSuffix(_ w: inout SnowballWord, _ regions: Regions) -> Bool {
        guard let (start, _) = w.longestSuffix(in: yVerbSuffixes, notBefore: regions.rv), w.letter(at: start - 1) == "u" else { return false }
        w.truncate(at: start)
        return true
    }

    private static let verbSuffixes = SuffixTable<Bool>([
        ("en es éis emos", true),
        ("arían arías arán arás aríais aría aréis aríamos aremos ará aré erían erías erán erás eríais ería eréis eríamos "
            + "eremos erá eré irían irías irán irás iríais iría iréis iríamos iremos irá iré aba ada ida ía ara iera ad ed "
            + "id ase iese aste iste an aban ían aran ieran asen iesen aron ieron ado ido ando iendo ió ar er ir as abas "
            + "adas idas ías aras ieras ases ieses ís áis abais íais arais ierais aseis ieseis asteis isteis ados idos "
            + "amos ábamos íamos imos áramos iéramos iésemos ásemos", false),
    ])

    /// Step 2b: other verb endings, in RV ("en", "es", "éis" and "emos" take the "u" of a preceding "gu" with them).
    private static func verbSuffix(_ w: inout SnowballWord, _ regions: Regions) {
        guard let (start, afterGu) = w.longestSuffix(in: verbSuffixes, notBefore: regions.rv) else { return }
        w.truncate(at: afterGu && w.hasSuffix("gu", before: start) ? start - 1 : start)
    }

    private static let residualSuffixes = SuffixTable<Bool>([("os a o á í ó", false), ("e é", true)])

    /// Step 3: a final vowel in RV; after "gu" with the "u" in RV, "e" takes the "u" with it.
    private static func residualSuffix(_ w: inout SnowballWord, _ regions: Regions) {
        guard let (start, isE) = w.longestSuffix(in: residualSuffixes, notBefore: regions.rv) else { return }
        w.truncate(at: isE && w.hasSuffix("gu", before: start) && start - 1 >= regions.rv ? start - 1 : start)
    }
}
