import Foundation
import Testing
@testable import LanternCore

@Suite("Page rules: patterns and the linear-time regex")
struct PagePatternTests {
    static func address(_ url: String) throws -> PageAddress { try #require(PageAddress(url: url)) }

    @Test("The address is the URL's path, query and hash")
    func addresses() throws {
        #expect(try Self.address("https://shop.example/billing/invoices?year=2025#unpaid").text == "/billing/invoices?year=2025#unpaid")
        #expect(try Self.address("HTTPS://shop.example").text == "/")
        #expect(try Self.address("http://shop.example:8080?x=1").text == "/?x=1")
        #expect(try Self.address("http://shop.example#top").text == "/#top")
        #expect(try Self.address("/pricing").text == "/pricing")
        for bad in ["", "//evil.example/x", "javascript:alert(1)", "ftp://x/y", "https://", "billing", "/a b", "/a\u{0}b",
                    "/" + String(repeating: "a", count: PageAddress.maximumLength)] {
            #expect(PageAddress(url: bad) == nil, "\(bad.prefix(40))")
        }
    }

    @Test("prefix, glob and regex match as documented, case-sensitively")
    func kinds() throws {
        let billing = try Self.address("/billing/invoices?year=2025")
        #expect(try PagePattern(kind: .prefix, pattern: "/billing").matches(billing))
        #expect(try !PagePattern(kind: .prefix, pattern: "/Billing").matches(billing))
        #expect(try PagePattern(kind: .glob, pattern: "/billing/*").matches(billing))
        #expect(try !PagePattern(kind: .glob, pattern: "/billing/*").matches(try Self.address("/billing")))
        #expect(try PagePattern(kind: .glob, pattern: "/billing/????????*").matches(billing))
        #expect(try PagePattern(kind: .glob, pattern: "*year=2025").matches(billing))
        #expect(try !PagePattern(kind: .glob, pattern: "/billing/invoices").matches(billing))
        #expect(try PagePattern(kind: .glob, pattern: "/a.b(c)").matches(try Self.address("/a.b(c)")))
        #expect(try !PagePattern(kind: .glob, pattern: "/a.b").matches(try Self.address("/axb")))
        #expect(try PagePattern(kind: .regex, pattern: "year=20\\d{2}").matches(billing))
        #expect(try PagePattern(kind: .regex, pattern: "^/(billing|account)/[a-z]+\\?").matches(billing))
        #expect(try !PagePattern(kind: .regex, pattern: "^/invoices").matches(billing))
        #expect(try PagePattern(kind: .regex, pattern: "#unpaid$").matches(try Self.address("/b#unpaid")))
    }

    @Test("The regex agrees with the usual semantics on a table of cases")
    func regexSemantics() throws {
        let cases: [(String, String, Bool)] = [
            ("abc", "xxabcxx", true), ("^abc", "xabc", false), ("abc$", "abcx", false), ("a.c", "abc", true), ("a.c", "ac", false),
            ("colou?r", "color", true), ("colou?r", "colour", true), ("ab*c", "ac", true), ("ab+c", "ac", false),
            ("a{2,3}", "a", false), ("^a{2,3}$", "aaa", true), ("^a{2,3}$", "aaaa", false), ("^a{2}$", "aa", true),
            ("^a{2,}$", "aaaaaa", true), ("[a-c]+", "xbx", true), ("^[^/]+$", "a/b", false), ("\\d+", "ab12", true),
            ("^\\w+$", "ab_1", true), ("^\\w+$", "ab-1", false), ("\\s", "a b", true), ("^(?:ab|cd)+$", "abcdab", true),
            ("^(ab|cd)+$", "abce", false), ("x{", "x{", true), ("[\\d.]+", "1.2", true), ("\\/path", "/path", true),
            ("^$", "", true), ("a|", "b", true), ("[]a]", "]", true), ("[a-]", "-", true), ("^\\D+$", "abc", true),
            ("^[\\D]+$", "ab1", false), ("(a*)*b", "aaab", true), ("^.*\\?page=\\d+$", "/x?page=12", true),
        ]
        for (pattern, input, expected) in cases {
            #expect(try SafeRegex(pattern).matches(input) == expected, "\(pattern) on \(input)")
        }
    }

    @Test("Backreferences, lookaround and broken syntax are refused with a reason")
    func refusals() {
        let refused: [(String, String)] = [
            ("(a)\\1", "backreference"), ("(?=a)", "lookaround"), ("(?<name>a)", "lookaround"), ("(?i)a", "inline flag"),
            ("(abc", "unclosed '('"), ("abc)", "unmatched ')'"), ("[abc", "unclosed '['"), ("*a", "nothing to repeat"),
            ("a**", "nothing to repeat"), ("a{5,2}", "below its minimum"), ("a{1000}", "more than 100"), ("\\", "lone backslash"),
            ("[z-a]", "out of order"), ("\\bword", "\\b"), (String(repeating: "a", count: 301), "longer than 300"),
            ("((((((((((((((((((((((a))))))))))))))))))))))", "20 deep"), ("(a{100}){100}", "too complex"),
        ]
        for (pattern, reason) in refused {
            do {
                _ = try SafeRegex(pattern)
                Issue.record("\(pattern) was accepted")
            } catch {
                #expect(error.message.contains(reason), "\(pattern): \(error.message)")
            }
        }
        #expect(throws: SafeRegex.SyntaxError.self) { try PagePattern(kind: .prefix, pattern: "billing") }
        #expect(throws: SafeRegex.SyntaxError.self) { try PagePattern(kind: .glob, pattern: "") }
    }

    @Test("Patterns that make backtracking engines explode answer at once on the longest address")
    func noCatastrophicBacktracking() throws {
        // A backtracking engine takes minutes on these; 5 s leaves room for a machine busy with parallel tests.
        let evil = "/" + String(repeating: "a", count: PageAddress.maximumLength - 2) + "!"
        let address = try Self.address(evil)
        for pattern in ["^(a+)+$", "^(a|a)*$", "^(a|aa)+$", "(.*a){20}$", "^(a*)*b$", "(x+x+)+y", "^([a-z]+)*[0-9]$"] {
            let regex = try SafeRegex(pattern)
            let clock = ContinuousClock()
            let started = clock.now
            #expect(!regex.matches(Array(address.text.unicodeScalars)), "\(pattern)")
            #expect(clock.now - started < .seconds(5), "\(pattern) took \(clock.now - started)")
        }
        let glob = try PagePattern(kind: .glob, pattern: "/" + String(repeating: "*a", count: 60) + "b")
        let clock = ContinuousClock()
        let started = clock.now
        #expect(!glob.matches(address))
        #expect(clock.now - started < .seconds(5))
    }
}

@Suite("Analytics rules")
struct AnalyticsRulesTests {
    @Test("Days are UTC days, written YYYY-MM-DD, and only real dates parse")
    func days() throws {
        #expect(AnalyticsDay(Date(timeIntervalSince1970: 0)).description == "1970-01-01")
        #expect(AnalyticsDay(Date(timeIntervalSince1970: 1_709_164_799)).description == "2024-02-28")
        #expect(AnalyticsDay(iso: "2024-02-29")?.description == "2024-02-29")
        #expect(AnalyticsDay(iso: "2024-02-29")?.adding(1).description == "2024-03-01")
        #expect(AnalyticsDay(iso: "2023-12-31")!.adding(1) == AnalyticsDay(iso: "2024-01-01"))
        for bad in ["2023-02-29", "2024-13-01", "2024-1-01", "24-01-01", "2024-01-32", "yesterday", "2024-01-01T00", "１２３４-01-01"] {
            #expect(AnalyticsDay(iso: bad) == nil, "\(bad)")
        }
        for number in stride(from: 0, to: 40_000, by: 37) {
            let day = AnalyticsDay(number: number)
            #expect(AnalyticsDay(iso: day.description) == day)
            #expect(AnalyticsDay(day.start) == day)
        }
    }

    @Test("Queries are counted case-folded with single spaces")
    func queries() {
        #expect(AnalyticsQuery.normalise("  Reset   PASSWORD\t\n") == "reset password")
        #expect(AnalyticsQuery.normalise("Ünïcode\u{0}Text") == "ünïcode text")
        #expect(AnalyticsQuery.normalise(String(repeating: "x", count: 500)).count == AnalyticsQuery.maximumLength)
    }

    @Test("Visit keys are one-way and stable")
    func visits() {
        let key = AnalyticsVisit.key("abcdefghijklmnopqrstuv")
        #expect(key.count == 32 && key == AnalyticsVisit.key("abcdefghijklmnopqrstuv"))
        #expect(key != AnalyticsVisit.key("abcdefghijklmnopqrstuw") && !key.contains("abcdefgh"))
    }

    @Test("CSV cells are quoted as RFC 4180 says, and formulas are defused")
    func csv() {
        var table = CSVTable(header: ["query", "count"])
        table.append(["=HYPERLINK(\"x\")", "3"])
        table.append(["a, \"b\"", "-2"])
        table.append(["@sum", "+1"])
        #expect(table.text == "query,count\r\n\"'=HYPERLINK(\"\"x\"\")\",3\r\n\"a, \"\"b\"\"\",-2\r\n'@sum,+1\r\n")
    }
}
