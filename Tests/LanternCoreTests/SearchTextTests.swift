import PropertyBased
import Testing
@testable import LanternCore

@Suite("Search text")
struct SearchTextTests {
    @Test("Queries are folded, stop words dropped, the last term a prefix while typing")
    func queries() {
        let query = SearchQuery("How do I Change my PÁSSWORD")
        #expect(query.terms == ["change", "password"])
        #expect(query.lastIsPrefix)
        #expect(query.fts5Expression(all: false) == #""change" OR "password"*"#)
        #expect(query.fts5Expression(all: true) == #""change" AND "password"*"#)
        #expect(query.tsqueryExpression(all: false) == "'change' | 'password':*")
        #expect(query.tsqueryExpression(all: true) == "'change' & 'password':*")
        #expect(!SearchQuery("pa").lastIsPrefix)
        #expect(!SearchQuery("password ").lastIsPrefix)
        #expect(SearchQuery("the").terms == ["the"])
        #expect(SearchQuery("\"; DROP TABLE x; -- NEAR(a b) *").terms == ["drop", "table", "x", "near", "b"])
        #expect(SearchQuery("🔑🙂 !!!").isEmpty)
        #expect(SearchQuery(String(repeating: "word ", count: 500)).terms == ["word"])
        #expect(SearchQuery((1...20).map { "term\($0)" }.joined(separator: " ")).terms.count == SearchText.maximumQueryTerms)
    }

    @Test("Typos are corrected to known words within one edit (two for long words), most used first")
    func typos() {
        let corrector = TypoCorrector(frequency: ["change": 5, "password": 9, "passport": 1, "invoice": 4, "chance": 1, "recurring": 3])
        #expect(corrector.corrections(for: "chnage") == ["change"])
        #expect(corrector.corrections(for: "pasword") == ["password"])
        #expect(corrector.corrections(for: "invioce") == ["invoice"])
        #expect(corrector.corrections(for: "recuring") == ["recurring"])
        #expect(corrector.corrections(for: "reccurringg") == ["recurring"])
        #expect(corrector.corrections(for: "password").isEmpty)
        #expect(corrector.corrections(for: "xyzzy").isEmpty)
        #expect(corrector.corrections(for: "pas").isEmpty)
        #expect(corrector.hasWord(withPrefix: "passw"))
        #expect(!corrector.hasWord(withPrefix: "passx"))
        let corrected = SearchQuery("chnage pasword").corrected(by: corrector)
        #expect(corrected.groups == [["chnage", "change"], ["pasword", "password"]])
        #expect(corrected.fts5Expression(all: true) == #"("chnage" OR "change") AND ("pasword" OR "password")"#)
        let typing = SearchQuery("pas").corrected(by: corrector)
        #expect(typing.groups == [["password", "passport"]])
        #expect(!typing.lastIsPrefix)
        #expect(corrector.completions(of: "pass", limit: 1) == ["password"])
        #expect(SearchQuery("change passw").corrected(by: corrector).groups == [["change"], ["password"]])
        #expect(SearchQuery("change password").corrected(by: corrector).groups == [["change"], ["password"]])
        #expect(TypoCorrector.distance("chnage", "change") == 1)
        #expect(TypoCorrector.distance("kitten", "sitting") == 3)
    }

    @Test("Snippets are escaped, highlight matches with <mark> and centre on the best window")
    func snippets() {
        // With the folded text (the byte-level matcher) and without it (folding each word), the same excerpt.
        for (text, raw) in [("Change your Password, then sign in again: passwords expire.", "change passwor"),
                            ("Le mot de passe: changez-le. Crème brûlée, 2FA et Sécurité.", "securite creme 2fa"),
                            ("Billing (invoices) & receipts—monthly; changing plans", "invoice chang plan "),
                            ("Résumé of résumés", "resume"),
                            ("D'accord: l'Été arrive. PASSWORD-reset", "accord ete password")] {
            let query = SearchQuery(raw)
            #expect(SnippetBuilder.Highlighter(query).snippet(text, folded: SearchText.fold(text)) == SnippetBuilder.Highlighter(query).snippet(text),
                    "\(text) / \(raw)")
        }
        let text = "Intro words here. " + String(repeating: "filler ", count: 40) + "To change your <b>password</b>, open Settings & Security. " + String(repeating: "tail ", count: 40)
        let snippet = SnippetBuilder.Highlighter(SearchQuery("change password")).snippet(text)
        #expect(snippet.contains("<mark>change</mark>"))
        #expect(snippet.contains("&lt;b&gt;password&lt;/b&gt;,") || snippet.contains("<mark>&lt;b&gt;password&lt;/b&gt;,</mark>"))
        #expect(snippet.contains("&amp;"))
        #expect(!snippet.contains("<b>"))
        #expect(snippet.hasPrefix("… "))
        let french = "Le Café est prêt. Pour changer le mot de passe, ouvrez Paramètres."
        let query = SearchQuery("cafe parametres passe")
        let withFolded = SnippetBuilder.Highlighter(query).snippet(french, folded: SearchText.fold(french))
        #expect(withFolded == SnippetBuilder.Highlighter(query).snippet(french))
        #expect(withFolded.contains("<mark>Café</mark>") && withFolded.contains("<mark>Paramètres.</mark>"))
        // A word inside a token counts, not only the token's first: "d'accord", "l'Été".
        #expect(SnippetBuilder.Highlighter(SearchQuery("accord ete")).snippet("D'accord: l'Été arrive.") == "<mark>D&#39;accord:</mark> <mark>l&#39;Été</mark> arrive.")
        let plain = SnippetBuilder.Highlighter(nil).snippet("Short text")
        #expect(plain == "Short text")
    }
    /// The highlighter compares only words that start like a term; it must never skip one that matches. Over random
    /// texts (upper case, accents, punctuation inside words, one-letter words, digits) and random queries, with a
    /// window as long as the text, every word is marked exactly when the plain rule (`SearchQuery.matches` on its
    /// folded words) says so.
    @Test("Highlighting marks exactly the words the matching rule accepts")
    func highlighterPrefilter() async {
        let pieces = ["pass", "Pass", "word", "é", "É", "ch", "ange", "a", "I", "2", "fa", "d'", "l'", "-", "(", ")", ",",
                      "ü", "ber", "ss", "café", "cafe", "x", "ré", "sumé", "ñ"]
        let word = Gen.element(of: pieces).map { $0 ?? "" }.array(of: 1...4).map { $0.joined() }
        await propertyCheck(count: 300, input: word.array(of: 1...40), word.array(of: 1...3), Gen.bool()) { words, typed, typing in
            let text = words.joined(separator: " ")
            let raw = typed.joined(separator: " ") + (typing ? "" : " ")
            let query = SearchQuery(raw)
            guard !query.isEmpty else { return }
            let shown = SnippetBuilder.Highlighter(query).snippet(text, words: 10_000).split(separator: " ")
            #expect(shown.count == words.count, "\(text) / \(raw)")
            for (token, original) in zip(shown, words) {
                let expected = SearchText.words(original).contains(where: query.matches)
                #expect(token.hasPrefix("<mark>") == expected, "\(original) in \(text) / \(raw)")
            }
        }
    }
}
