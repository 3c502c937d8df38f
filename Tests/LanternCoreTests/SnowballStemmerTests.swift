import Foundation
import Testing
@testable import LanternCore

/// Lantern's stemmers against Snowball's own output, word for word: `Resources/stemming/<language>.tsv` holds what
/// PyPI's `snowballstemmer` makes of several thousand words per language (written by
/// `scripts/generate-stemming-fixtures.py`, which `scripts/test.sh` runs with `--check`).
@Suite("Snowball stemmers")
struct SnowballStemmerTests {
    static func expected(_ language: String) throws -> [(word: String, stem: String)] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Resources/stemming/\(language).tsv")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            return (String(fields[0]), String(fields[1]))
        }
    }

    @Test("every word stems as Snowball stems it", arguments: [("en", Stemmer.english), ("fr", .french), ("de", .german), ("es", .spanish)])
    func matchesSnowball(language: String, stemmer: Stemmer) throws {
        let pairs = try Self.expected(language)
        #expect(pairs.count >= 3_000)
        let wrong = pairs.filter { stemmer.stem($0.word) != $0.stem }
        let examples = wrong.prefix(30).map { "\($0.word) → \(stemmer.stem($0.word)), Snowball \($0.stem)" }.joined(separator: "; ")
        #expect(wrong.isEmpty, "\(wrong.count) of \(pairs.count) words differ: \(examples)")
    }

    @Test("the published examples of each algorithm", arguments: [
        (Stemmer.english, "generously", "generous"), (.english, "generate", "generat"), (.english, "dying", "die"),
        (.english, "hopping", "hop"), (.english, "adding", "add"), (.english, "skies", "sky"), (.english, "news", "news"),
        (.english, "geologist", "geolog"), (.english, "changing", "chang"), (.english, "passwords", "password"),
        (.french, "continuellement", "continuel"), (.french, "maîtresses", "maîtress"), (.french, "majestueusement", "majestu"),
        (.french, "jouer", "jou"), (.german, "bedürfnissen", "bedurfnis"), (.german, "derbsten", "derb"),
        (.german, "äckern", "ack"), (.german, "quelle", "quell"), (.spanish, "haciéndola", "hac"), (.spanish, "torá", "tor"),
    ])
    func examples(stemmer: Stemmer, word: String, stem: String) {
        #expect(stemmer.stem(word) == stem)
    }

    @Test("the stemmer follows the content language, region or not; others are left as written")
    func languages() {
        #expect(Stemmer(language: "en") == .english)
        #expect(Stemmer(language: "en-GB") == .english)
        #expect(Stemmer(language: "fr-CA") == .french)
        #expect(Stemmer(language: "DE") == .german)
        #expect(Stemmer(language: "es-419") == .spanish)
        #expect(Stemmer(language: "it") == .none)
        #expect(Stemmer(language: "") == .none)
        #expect(Stemmer.none.stem("changing") == "changing")
    }

    @Test("short, empty and non-letter words come back whole")
    func degenerateWords() {
        for stemmer in Stemmer.allCases {
            for word in ["", "a", "é", "42", "ipv6", "ß"] { #expect(!stemmer.stem(word).isEmpty || word.isEmpty) }
        }
        #expect(Stemmer.english.stem("ipv6") == "ipv6")
    }
}
