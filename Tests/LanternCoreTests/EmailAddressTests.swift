import Testing
@testable import LanternCore

@Suite("E-mail addresses")
struct EmailAddressTests {
    @Test("Valid addresses are accepted and lower-cased", arguments: [
        ("Alice@Example.COM", "alice@example.com"), ("a.b+tag@sub.example.co.uk", "a.b+tag@sub.example.co.uk"),
        ("o'neil@example.ie", "o'neil@example.ie"), ("  x@y.io ", "x@y.io"), ("josé@exämple.de", "josé@xn--exmple-cua.de"),
    ])
    func accepts(raw: String, expected: String) {
        #expect(EmailAddress(raw)?.value == expected)
    }

    @Test("Invalid addresses are rejected", arguments: [
        "", "plain", "@example.com", "a@", "a@b", "a@@b.com", "a b@example.com", "a@-x.com", "a@x-.com",
        ".a@example.com", "a.@example.com", "a..b@example.com", "a@example.123", "<script>@x.com", "a@exa mple.com",
        String(repeating: "a", count: 65) + "@example.com", "a@" + String(repeating: "b", count: 250) + ".com",
    ])
    func rejects(raw: String) {
        #expect(EmailAddress(raw) == nil)
    }

    @Test("The domain is the part after the @")
    func domain() {
        #expect(EmailAddress("someone@Acme.Example")?.domain == "acme.example")
    }

    @Test("Case is folded in ASCII only: the Kelvin sign is not a k, and É stays É")
    func asciiCaseFolding() {
        #expect(EmailAddress("\u{212A}im@compa-acme.test") == nil, "the Kelvin sign normalises to K: a look-alike, refused")
        #expect(EmailAddress("eve@\u{212A}iosk.test") == nil, "IDNA2008 disallows the Kelvin sign")
        #expect(EmailAddress("JOSÉ@example.com")?.value == "josÉ@example.com")
        #expect(EmailAddress("\u{17F}am@example.com")?.value == "\u{17F}am@example.com", "long s is not s")
        #expect(EmailAddress.normalized(" Kim@Compa-Acme.TEST ") == "kim@compa-acme.test")
        #expect(EmailAddress.normalized("\u{212A}im@compa-acme.test") == nil)
    }

    @Test("Canonically equivalent spellings are one address, stored in NFC")
    func canonicalForms() throws {
        let composed = try #require(EmailAddress("\u{C5}sa@exa\u{308}mple.de"))
        let decomposed = try #require(EmailAddress("A\u{30A}sa@ex\u{E4}mple.de"))
        let angstrom = try #require(EmailAddress("\u{212B}sa@example.de"))
        #expect(Array(composed.value.utf8) == Array(decomposed.value.utf8))
        #expect(Array(angstrom.value.utf8) == Array("\u{C5}sa@example.de".utf8))
        #expect(composed.domain == "xn--exmple-cua.de")
    }

    @Test("No non-ASCII character, in the local part or the domain, yields an ASCII address",
          arguments: stride(from: 0, to: 0x20000, by: 0x2000).map { max($0, 0x80)...($0 + 0x1FFF) })
    func noASCIILookAlikes(values: ClosedRange<Int>) {
        for value in values {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let character = String(scalar)
            if let local = EmailAddress("a\(character)b@example.com") {
                let asciiOnly = local.value.prefix { $0 != "@" }.unicodeScalars.allSatisfy { $0.isASCII }
                #expect(!asciiOnly, "U+\(String(value, radix: 16))")
            }
            if let domain = EmailAddress("x@a\(character)b.example") {
                #expect(domain.domain.hasPrefix("xn--"), "U+\(String(value, radix: 16))")
            }
        }
    }

    @Test("Internationalised domains take their IDNA ASCII form", arguments: [
        ("x@BÜCHER.example", "xn--bcher-kva.example"), ("x@xn--bcher-kva.example", "xn--bcher-kva.example"),
        ("x@XN--BCHER-KVA.Example", "xn--bcher-kva.example"), ("x@münchen.de", "xn--mnchen-3ya.de"),
        ("x@straße.de", "xn--strae-oqa.de"), ("x@пример.рф", "xn--e1afmkfd.xn--p1ai"),
        ("x@例え.テスト", "xn--r8jz45g.xn--zckzah"), ("x@ελληνικά.test", "xn--hxargifdar.test"),
        ("x@ıi.de", "xn--i-eka.de"), ("x@col·legi.cat", "xn--collegi-xma.cat"), ("x@أ١٢٣.test", "xn--igb8jde.test"),
        ("x@\u{1100}\u{1161}.kr", "xn--o39a.kr"), ("x@xn--zzzzzzzzzzzzzzzzzzzzzz.de", "xn--zzzzzzzzzzzzzzzzzzzzzz.de"),
    ])
    func internationalDomains(raw: String, ascii: String) {
        #expect(EmailAddress(raw)?.domain == ascii)
        #expect(EmailAddress.normalizedDomain(String(raw.dropFirst(2))) == ascii)
    }

    @Test("Invalid internationalised labels are refused", arguments: [
        "x@ｅxample.com", "x@exam\u{3002}ple.com", "x@💩.la", "x@\u{301}abc.de", "x@ab--c.de", "x@xn--a.de",
        "x@xn--.de", "x@xn--abc-.de", "x@xn--bcher-kva-.de", "x@xn--ls8h.la", "x@a\u{B7}b.cat", "x@a\u{200D}b.de",
        "x@\u{130}stanbul.tr", "x@أ١۲.test", "x@" + String(repeating: "ü", count: 60) + ".de",
        "x@abc\u{FFFF}.de", "x@a\u{378}b.de", "x@\u{1100}.kr",
    ])
    func refusesInvalidLabels(raw: String) {
        #expect(EmailAddress(raw) == nil)
    }
}

@Suite("Punycode")
struct PunycodeTests {
    /// RFC 3492 §7.1, (A) to (S); the encodings keep the RFC's mixed-case annotations.
    static let samples: [(String, String)] = [
        ("\u{0644}\u{064A}\u{0647}\u{0645}\u{0627}\u{0628}\u{062A}\u{0643}\u{0644}\u{0645}\u{0648}\u{0634}\u{0639}\u{0631}\u{0628}\u{064A}\u{061F}",
         "egbpdaj6bu4bxfgehfvwxn"),
        ("\u{4ED6}\u{4EEC}\u{4E3A}\u{4EC0}\u{4E48}\u{4E0D}\u{8BF4}\u{4E2D}\u{6587}", "ihqwcrb4cv8a8dqg056pqjye"),
        ("\u{4ED6}\u{5011}\u{7232}\u{4EC0}\u{9EBD}\u{4E0D}\u{8AAA}\u{4E2D}\u{6587}", "ihqwctvzc91f659drss3x8bo0yb"),
        ("Pro\u{010D}prost\u{011B}nemluv\u{00ED}\u{010D}esky", "Proprostnemluvesky-uyb24dma41a"),
        ("\u{05DC}\u{05DE}\u{05D4}\u{05D4}\u{05DD}\u{05E4}\u{05E9}\u{05D5}\u{05D8}\u{05DC}\u{05D0}\u{05DE}\u{05D3}\u{05D1}\u{05E8}\u{05D9}\u{05DD}\u{05E2}\u{05D1}\u{05E8}\u{05D9}\u{05EA}",
         "4dbcagdahymbxekheh6e0a7fei0b"),
        ("\u{092F}\u{0939}\u{0932}\u{094B}\u{0917}\u{0939}\u{093F}\u{0928}\u{094D}\u{0926}\u{0940}\u{0915}\u{094D}\u{092F}\u{094B}\u{0902}\u{0928}\u{0939}\u{0940}\u{0902}\u{092C}\u{094B}\u{0932}\u{0938}\u{0915}\u{0924}\u{0947}\u{0939}\u{0948}\u{0902}",
         "i1baa7eci9glrd9b2ae1bj0hfcgg6iyaf8o0a1dig0cd"),
        ("\u{306A}\u{305C}\u{307F}\u{3093}\u{306A}\u{65E5}\u{672C}\u{8A9E}\u{3092}\u{8A71}\u{3057}\u{3066}\u{304F}\u{308C}\u{306A}\u{3044}\u{306E}\u{304B}",
         "n8jok5ay5dzabd5bym9f0cm5685rrjetr6pdxa"),
        ("\u{C138}\u{ACC4}\u{C758}\u{BAA8}\u{B4E0}\u{C0AC}\u{B78C}\u{B4E4}\u{C774}\u{D55C}\u{AD6D}\u{C5B4}\u{B97C}\u{C774}\u{D574}\u{D55C}\u{B2E4}\u{BA74}\u{C5BC}\u{B9C8}\u{B098}\u{C88B}\u{C744}\u{AE4C}",
         "989aomsvi5e83db1d2a355cv1e0vak1dwrv93d5xbh15a0dt30a5jpsd879ccm6fea98c"),
        ("\u{043F}\u{043E}\u{0447}\u{0435}\u{043C}\u{0443}\u{0436}\u{0435}\u{043E}\u{043D}\u{0438}\u{043D}\u{0435}\u{0433}\u{043E}\u{0432}\u{043E}\u{0440}\u{044F}\u{0442}\u{043F}\u{043E}\u{0440}\u{0443}\u{0441}\u{0441}\u{043A}\u{0438}",
         "b1abfaaepdrnnbgefbaDotcwatmq2g4l"),
        ("Porqu\u{00E9}nopuedensimplementehablarenEspa\u{00F1}ol", "PorqunopuedensimplementehablarenEspaol-fmd56a"),
        ("T\u{1EA1}isaoh\u{1ECD}kh\u{00F4}ngth\u{1EC3}ch\u{1EC9}n\u{00F3}iti\u{1EBF}ngVi\u{1EC7}t", "TisaohkhngthchnitingVit-kjcr8268qyxafd2f1b9g"),
        ("3\u{5E74}B\u{7D44}\u{91D1}\u{516B}\u{5148}\u{751F}", "3B-ww4c5e180e575a65lsy2b"),
        ("\u{5B89}\u{5BA4}\u{5948}\u{7F8E}\u{6075}-with-SUPER-MONKEYS", "-with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n"),
        ("Hello-Another-Way-\u{305D}\u{308C}\u{305E}\u{308C}\u{306E}\u{5834}\u{6240}", "Hello-Another-Way--fc4qua05auwb3674vfr0b"),
        ("\u{3072}\u{3068}\u{3064}\u{5C4B}\u{6839}\u{306E}\u{4E0B}2", "2-u9tlzr9756bt3uc0v"),
        ("Maji\u{3067}Koi\u{3059}\u{308B}5\u{79D2}\u{524D}", "MajiKoi5-783gue6qz075azm5e"),
        ("\u{30D1}\u{30D5}\u{30A3}\u{30FC}de\u{30EB}\u{30F3}\u{30D0}", "de-jg4avhby1noc0d"),
        ("\u{305D}\u{306E}\u{30B9}\u{30D4}\u{30FC}\u{30C9}\u{3067}", "d9juau41awczczp"),
        ("-> $1.00 <-", "-> $1.00 <--"),
    ]

    @Test("RFC 3492's samples encode (up to the case of annotations) and decode")
    func samples() {
        #expect(Self.samples.count == 19)
        for (unicode, encoded) in Self.samples {
            let scalars = Array(unicode.unicodeScalars)
            #expect(Punycode.encode(scalars).lowercased() == encoded.lowercased(), "\(encoded)")
            #expect(Punycode.decode(Substring(encoded)) == scalars, "\(encoded)")
            #expect(Punycode.decode(Substring(encoded.lowercased())).map { String(String.UnicodeScalarView($0)).lowercased() }
                    == unicode.lowercased())
        }
    }

    @Test("Malformed input does not decode", arguments: ["ü-abc", "abc-!", "abc-b", "99999999999999999999", "zzzzzzzzzzzzzzz", "-"])
    func malformed(encoded: String) {
        #expect(Punycode.decode(Substring(encoded)) == nil)
    }
}
