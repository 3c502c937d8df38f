import Foundation
import Testing
@testable import LanternCore

@Suite("Import rules")
struct ImportRulesTests {
    @Test("Link headers: the next page's target, whatever the order, quoting and case of the links")
    func linkHeader() {
        #expect(LinkHeader.target("<https://acme.freshdesk.com/api/v2/contacts?page=2>; rel=\"next\"")
                == "https://acme.freshdesk.com/api/v2/contacts?page=2")
        #expect(LinkHeader.target("<https://a.example/x?page=1>; rel=\"prev\", <https://a.example/x?page=3>; rel=\"next\"")
                == "https://a.example/x?page=3")
        #expect(LinkHeader.target("<https://a.example/x?a=1,2>; title=\"a, b\"; rel=\"last next\"") == "https://a.example/x?a=1,2")
        #expect(LinkHeader.target("<https://a.example/x?page=3>; REL=Next") == "https://a.example/x?page=3")
        #expect(LinkHeader.target("<https://a.example/x?page=1>; rel=\"prev\"") == nil)
        #expect(LinkHeader.target("") == nil)
        #expect(LinkHeader.target("<https://a.example/x?page=2; rel=\"next\"") == nil)
    }

    @Test("Retry-After: seconds or an HTTP date, never negative; anything else is not a value")
    func retryAfter() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(RetryAfter.seconds("30", now: now) == 30)
        #expect(RetryAfter.seconds(" 0 ", now: now) == 0)
        #expect(RetryAfter.seconds("Tue, 14 Nov 2023 22:14:20 GMT", now: now) == 60)
        #expect(RetryAfter.seconds("Tue, 14 Nov 2023 20:00:00 GMT", now: now) == 0)
        #expect(RetryAfter.seconds("-5", now: now) == nil)
        #expect(RetryAfter.seconds("soon", now: now) == nil)
        #expect(RetryAfter.seconds("", now: now) == nil)
    }

    @Test("Freshdesk's folder visibilities: the same in Lantern, segments narrowed to agents")
    func visibilities() {
        #expect(FreshdeskVisibility.allCases.map(\.lantern) == [.allUsers, .loggedInUsers, .agents, .selectedCompanies, .bots, .agents, .agents])
        #expect(FreshdeskVisibility.allCases.filter(\.narrowedToAgents) == [.contactSegments, .companySegments])
        #expect(FreshdeskVisibility(rawValue: 8) == nil)
    }

    @Test("imported texts fit Lantern's rules: one line, no control characters, cut with an ellipsis")
    func importedText() {
        #expect(ImportedText.line(" Two\nlines\u{0}\t", maximum: 255) == ("Two lines", false))
        #expect(ImportedText.line(nil, maximum: 10).text == "")
        let long = ImportedText.line(String(repeating: "a", count: 300), maximum: 255)
        #expect(long.shortened && long.text.count == 255 && long.text.hasSuffix("…"))
        #expect(ImportedText.block("a\n\u{7}b", maximum: 10) == ("a\nb", false))
        #expect(ImportedText.folderName(["Parent", "Child", "Grandchild"], maximum: 255).text == "Parent / Child / Grandchild")
        #expect(ImportedText.html("<p>a\u{0}b</p>\n") == "<p>ab</p>\n")
        let tags = ImportedText.tags([" billing ", "billing", "", String(repeating: "x", count: 70)], maximumCount: 30, maximumLength: 64)
        #expect(tags.tags.count == 2 && tags.tags[0] == "billing" && tags.tags[1].count == 64 && tags.changed)
        #expect(ImportedText.tags(["a", "b"], maximumCount: 30, maximumLength: 64) == (["a", "b"], false))
        #expect(ImportedText.tags(["a", "b", "c"], maximumCount: 2, maximumLength: 64) == (["a", "b"], true))
    }

    @Test("the sanitiser says what it removed, once per kind, and nothing for HTML already in its form")
    func sanitiserRemovals() {
        let html = "<p style=\"x\" onclick=\"y()\">Hi <font>there</font></p><script>alert(1)</script><a href=\"javascript:x\">l</a><img src=\"https://a.example/a.png\" width=\"50%\"><div class=\"big\">d</div><p style=\"z\">again</p>"
        #expect(HTMLSanitizer.removals(html) == [
            "style attributes", "onclick attributes", "<font> tags (their content kept)", "<script> with its content",
            "unsafe addresses in href", "width values that are not whole numbers", "class values other than callout-note, callout-warning",
        ])
        let clean = HTMLSanitizer.sanitize("<p>Fine <a href=\"https://a.example\">link</a> <img src=\"https://a.example/i.png\" width=\"10\"></p>")
        #expect(HTMLSanitizer.removals(clean) == [])
        #expect(HTMLSanitizer.sanitize(clean) == clean)
    }
}
