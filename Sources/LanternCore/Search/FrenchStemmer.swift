/// Snowball's French stemmer (as Snowball 3.1 defines it), the algorithm of PostgreSQL's `french` text search
/// configuration: "continuellement", "continuelle" and "continuels" become "continuel". Written from the algorithm's
/// description on snowballstem.org; `SnowballStemmerTests` checks it word for word against Snowball's own output.
/// Lantern's words never contain an apostrophe, so the elision step ("l'avion") has nothing to do and is left out.
enum FrenchStemmer {
    static func stem(_ word: String) -> String {
        var w = SnowballWord(word)
        markVowels(&w)
        let regions = Regions(w)
        var changed = false
        if standardSuffix(&w, regions) || iVerbSuffix(&w, regions) || verbSuffix(&w, regions) {
            changed = true
        }
        if changed {
            if let last = w.letters.last, last == "Y" || last == "ç" { w.letters[w.count - 1] = last == "Y" ? "i" : "c" }
        } else {
            residualSuffix(&w, regions)
        }
        undouble(&w)
        unaccent(&w)
        return unmark(w)
    }

    static let vowels = LetterSet("aeiouyâàëéêèïîôûù")

    /// "u" or "i" between vowels, "y" next to a vowel and "u" after "q" are consonants, marked in upper case; "ë" and
    /// "ï" become "He" and "Hi", so that suffixes beginning "e" or "i" match them.
    private static func markVowels(_ w: inout SnowballWord) {
        var index = 0
        while index < w.count {
            if markVowel(&w, at: index) { continue }
            index += 1
        }
    }

    /// One mark made at `index`, if any applies there.
    private static func markVowel(_ w: inout SnowballWord, at index: Int) -> Bool {
        let letter = w[index], next = w.letter(at: index + 1), afterNext = w.letter(at: index + 2)
        if vowels.contains(letter), let next {
            if next == "u", let afterNext, vowels.contains(afterNext) { w[index + 1] = "U"; return true }
            if next == "i", let afterNext, vowels.contains(afterNext) { w[index + 1] = "I"; return true }
            if next == "y" { w[index + 1] = "Y"; return true }
        }
        if letter == "ë" { w.replace(from: index, to: index + 1, with: "He"); return true }
        if letter == "ï" { w.replace(from: index, to: index + 1, with: "Hi"); return true }
        if letter == "y", let next, vowels.contains(next) { w[index] = "Y"; return true }
        if letter == "q", next == "u" { w[index + 1] = "U"; return true }
        return false
    }

    /// RV, R1 and R2, as where each starts.
    private struct Regions {
        let rv: Int, r1: Int, r2: Int

        init(_ w: SnowballWord) {
            let vowels = FrenchStemmer.vowels
            func isVowel(_ index: Int) -> Bool { w.letter(at: index).map(vowels.contains) ?? false }
            if isVowel(0), isVowel(1), w.count >= 3 {
                rv = 3
            } else if ["par", "col", "tap"].contains(where: { w.letters.starts(with: $0.unicodeScalars) }) {
                rv = 3
            } else if w.letters.starts(with: ["n", "i"]), isVowel(2) {
                rv = 3
            } else if let vowel = w.letters.indices.dropFirst().first(where: isVowel) {
                rv = vowel + 1
            } else {
                rv = w.count
            }
            r1 = w.regionStart(from: 0, vowels: vowels)
            r2 = w.regionStart(from: r1, vowels: vowels)
        }
    }

    private enum Standard {
        case deleteInR2, ation, logie, ution, ence, ement, ite, ive, eaux, aux, oux, euse, issement, amment, emment, ment
    }
    private static let standardSuffixes = SuffixTable<Standard>([
        ("ance iqUe isme able iste eux ances iqUes ismes ables istes", .deleteInR2),
        ("atrice ateur ation atrices ateurs ations", .ation), ("logie logies", .logie),
        ("usion ution usions utions", .ution), ("ence ences", .ence), ("ement ements", .ement), ("ité ités", .ite),
        ("if ive ifs ives", .ive), ("eaux", .eaux), ("aux", .aux), ("oux", .oux), ("euse euses", .euse),
        ("issement issements", .issement), ("amment", .amment), ("emment", .emment), ("ment ments", .ment),
    ])
    private enum AfterEment { case iv, eus, ablOrIqU, ier }
    private static let afterEment = SuffixTable<AfterEment>([("iv", .iv), ("eus", .eus), ("abl iqU", .ablOrIqU), ("ièr Ièr", .ier)])
    private enum AfterIte { case abil, ic, iv }
    private static let afterIte = SuffixTable<AfterIte>([("abil", .abil), ("ic", .ic), ("iv", .iv)])
    /// Letters before which "oux" becomes "ou" ("genoux", "bijoux").
    private static let ouxEndings = LetterSet("bhjlnp")

    /// Step 1. True when it removed an ending and the verb steps are not to be tried; the "-ment" endings change the
    /// word and still return false, so that the verb steps follow.
    private static func standardSuffix(_ w: inout SnowballWord, _ regions: Regions) -> Bool {
        guard let (start, rule) = w.longestSuffix(in: standardSuffixes) else { return false }
        let inR1 = start >= regions.r1, inR2 = start >= regions.r2, inRV = start >= regions.rv
        switch rule {
        case .deleteInR2:
            guard inR2 else { return false }
            w.truncate(at: start)
        case .ation:
            guard inR2 else { return false }
            w.truncate(at: start)
            replaceIc(&w, regions)
        case .logie:
            guard inR2 else { return false }
            w.replace(from: start, with: "log")
        case .ution:
            guard inR2 else { return false }
            w.replace(from: start, with: "u")
        case .ence:
            guard inR2 else { return false }
            w.replace(from: start, with: "ent")
        case .ement:
            guard inRV else { return false }
            w.truncate(at: start)
            guard let (before, preceding) = w.longestSuffix(in: afterEment) else { break }
            switch preceding {
            case .iv:
                guard before >= regions.r2 else { break }
                w.truncate(at: before)
                if w.hasSuffix("at"), w.count - 2 >= regions.r2 { w.truncate(at: w.count - 2) }
            case .eus:
                if before >= regions.r2 { w.truncate(at: before) } else if before >= regions.r1 { w.replace(from: before, with: "eux") }
            case .ablOrIqU:
                if before >= regions.r2 { w.truncate(at: before) }
            case .ier:
                if before >= regions.rv { w.replace(from: before, with: "i") }
            }
        case .ite:
            guard inR2 else { return false }
            w.truncate(at: start)
            guard let (before, preceding) = w.longestSuffix(in: afterIte) else { break }
            switch preceding {
            case .abil: if before >= regions.r2 { w.truncate(at: before) } else { w.replace(from: before, with: "abl") }
            case .ic: if before >= regions.r2 { w.truncate(at: before) } else { w.replace(from: before, with: "iqU") }
            case .iv: if before >= regions.r2 { w.truncate(at: before) }
            }
        case .ive:
            guard inR2 else { return false }
            w.truncate(at: start)
            if w.hasSuffix("at"), w.count - 2 >= regions.r2 {
                w.truncate(at: w.count - 2)
                replaceIc(&w, regions)
            }
        case .eaux:
            w.replace(from: start, with: "eau")
        case .aux:
            guard inR1 else { return false }
            w.replace(from: start, with: "al")
        case .oux:
            guard let before = w.letter(at: start - 1), ouxEndings.contains(before) else { return false }
            w.replace(from: start, with: "ou")
        case .euse:
            if inR2 { w.truncate(at: start) } else if inR1 { w.replace(from: start, with: "eux") } else { return false }
        case .issement:
            guard inR1, let before = w.letter(at: start - 1), !vowels.contains(before) else { return false }
            w.truncate(at: start)
        case .amment:
            if inRV { w.replace(from: start, with: "ant") }
            return false
        case .emment:
            if inRV { w.replace(from: start, with: "ent") }
            return false
        case .ment:
            // Deleted after a vowel in RV ("confusément"), and the verb steps follow.
            if let before = w.letter(at: start - 1), vowels.contains(before), start - 1 >= regions.rv { w.truncate(at: start) }
            return false
        }
        return true
    }

    /// A final "ic" is deleted in R2, otherwise becomes "iqU".
    private static func replaceIc(_ w: inout SnowballWord, _ regions: Regions) {
        guard w.hasSuffix("ic") else { return }
        let start = w.count - 2
        if start >= regions.r2 { w.truncate(at: start) } else { w.replace(from: start, with: "iqU") }
    }

    private static let iVerbSuffixes = SuffixTable<Void>(
        "îmes ît îtes i ie ies ir ira irai iraIent irais irait iras irent irez iriez irions irons iront is issaIent issais "
            + "issait issant issante issantes issants isse issent isses issez issiez issions issons it")

    /// Step 2a: verb endings beginning "i", in RV, after a non-vowel in RV other than "H".
    private static func iVerbSuffix(_ w: inout SnowballWord, _ regions: Regions) -> Bool {
        guard let (start, _) = w.longestSuffix(in: iVerbSuffixes, notBefore: regions.rv), start - 1 >= regions.rv,
              let before = w.letter(at: start - 1), before != "H", !vowels.contains(before) else { return false }
        w.truncate(at: start)
        return true
    }

    private enum Verb { case ions, delete, withE, ais }
    private static let verbSuffixes = SuffixTable<Verb>([
        ("ions", .ions),
        ("é ée ées és èrent er era erai eraIent erais erait eras erez eriez erions erons eront ez iez eais", .delete),
        ("âmes ât âtes a ai aIent ait ant ante antes ants as asse assent asses assiez assions", .withE),
        ("ais aise aises", .ais),
    ])

    /// Step 2b: other verb endings, in RV.
    private static func verbSuffix(_ w: inout SnowballWord, _ regions: Regions) -> Bool {
        guard let (start, rule) = w.longestSuffix(in: verbSuffixes, notBefore: regions.rv) else { return false }
        switch rule {
        case .ions:
            guard start >= regions.r2 else { return false }
            w.truncate(at: start)
        case .delete:
            w.truncate(at: start)
        case .withE:
            // A preceding "e" in RV goes too.
            w.truncate(at: w.letter(at: start - 1) == "e" && start - 1 >= regions.rv ? start - 1 : start)
        case .ais:
            // Kept after "épl" and "auv" ("déplais", "mauvais") and after "al" that follows exactly one letter ("balais").
            if w.hasSuffix("épl", before: start) || w.hasSuffix("auv", before: start) || (start == 3 && w.hasSuffix("al", before: start)) {
                return false
            }
            w.truncate(at: start)
        }
        return true
    }

    private enum Residual { case ion, ier, e }
    private static let residualSuffixes = SuffixTable<Residual>([("ion", .ion), ("ier ière Ier Ière", .ier), ("e", .e)])
    /// Letters after which a final "s" stays.
    private static let keepWithS = LetterSet("aiouès")

    /// Step 4, when steps 1 and 2 removed nothing.
    private static func residualSuffix(_ w: inout SnowballWord, _ regions: Regions) {
        if w.count >= 2, w.letters.last == "s", w.hasSuffix("Hi", before: w.count - 1) || !keepWithS.contains(w[w.count - 2]) {
            w.letters.removeLast()
        }
        guard let (start, rule) = w.longestSuffix(in: residualSuffixes, notBefore: regions.rv) else { return }
        switch rule {
        case .ion:
            guard start >= regions.r2, start - 1 >= regions.rv, w[start - 1] == "s" || w[start - 1] == "t" else { return }
            w.truncate(at: start)
        case .ier: w.replace(from: start, with: "i")
        case .e: w.truncate(at: start)
        }
    }

    /// Step 5: "enn", "onn", "ett", "ell" and "eill" lose their last letter.
    private static func undouble(_ w: inout SnowballWord) {
        if ["enn", "onn", "ett", "ell", "eill"].contains(where: { w.hasSuffix($0) }) { w.letters.removeLast() }
    }

    /// Step 6: "é" or "è" before the final non-vowels becomes "e".
    private static func unaccent(_ w: inout SnowballWord) {
        var index = w.count - 1
        while index >= 0, !vowels.contains(w[index]) { index -= 1 }
        guard index < w.count - 1, index >= 0, w[index] == "é" || w[index] == "è" else { return }
        w[index] = "e"
    }

    /// The marks back to letters: "I", "U", "Y" to lower case, "He" and "Hi" to "ë" and "ï", any other "H" removed.
    private static func unmark(_ w: SnowballWord) -> String {
        var letters: [Unicode.Scalar] = []
        var index = 0
        while index < w.count {
            let letter = w[index]
            switch letter {
            case "I", "U", "Y": letters.append(letter.properties.lowercaseMapping.unicodeScalars.first!)
            case "H":
                if w.letter(at: index + 1) == "e" { letters.append("ë"); index += 1 }
                else if w.letter(at: index + 1) == "i" { letters.append("ï"); index += 1 }
            default: letters.append(letter)
            }
            index += 1
        }
        return SnowballWord.string(letters)
    }
}
