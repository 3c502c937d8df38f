import PropertyBased
import Testing
@testable import LanternCore

@Suite("HTML sanitiser")
struct HTMLSanitizerTests {
    @Test("Allowed markup survives; scripts, handlers, styles and dangerous URLs do not", arguments: [
        ("<p>Hello <strong>world</strong></p>", "<p>Hello <strong>world</strong></p>"),
        ("<script>alert(1)</script><p>ok</p>", "<p>ok</p>"),
        ("<p onclick=\"x()\" style=\"color:red\">hi</p>", "<p>hi</p>"),
        ("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\" JaVaScRiPt:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"https://example.com/?a=1&amp;b=2\">x</a>", "<a href=\"https://example.com/?a=1&amp;b=2\" rel=\"noopener noreferrer nofollow\">x</a>"),
        ("<img src=\"data:image/png;base64,AAA\" onerror=\"x()\">", "<img loading=\"lazy\">"),
        ("<img src=\"/logo.png\" alt=\"Logo\">", "<img src=\"/logo.png\" alt=\"Logo\" loading=\"lazy\">"),
        ("<img loading=\"eager\" src=\"/a.png\" width=\"640\" height=\"480px\">", "<img src=\"/a.png\" width=\"640\" loading=\"lazy\">"),
        ("<img width=\"100%\" height=\"123456\" src=\"/a.png\">", "<img src=\"/a.png\" loading=\"lazy\">"),
        ("<div class=\"callout-warning\"><p>Careful</p></div>", "<div class=\"callout-warning\"><p>Careful</p></div>"),
        ("<div class=\"callout-note x\" id=\"n\">Note</div><p class=\"callout-note\">p</p>", "<div>Note</div><p>p</p>"),
        ("<iframe src=\"https://evil.example\"></iframe>after", "after"),
        ("<p>unclosed <em>tags", "<p>unclosed <em>tags</em></p>"),
        ("a < b & c > d", "a &lt; b &amp; c &gt; d"),
        ("<!-- comment --><p>x</p>", "<p>x</p>"),
        ("<svg><script>alert(1)</script></svg><p>y</p>", "<p>y</p>"),
        ("<p>caf&eacute; &#233; &#x263A;</p>", "<p>café é ☺</p>"),
        ("</p><p>stray close</p>", "<p>stray close</p>"),
        ("<STYLE>body{}</STYLE><B>bold</B>", "<b>bold</b>"),
    ])
    func sanitizes(input: String, expected: String) {
        #expect(HTMLSanitizer.sanitize(input) == expected)
    }

    @Test("Plain text drops markup and scripts and separates blocks")
    func plainText() {
        #expect(HTMLSanitizer.plainText("<h2>Title</h2><p>First&nbsp;para</p><script>x()</script><ul><li>one</li><li>two</li></ul>")
                == "Title First para one two")
    }

    @Test("Every HTML5 named reference decodes, and only &, <, >, and quotes are escaped again", arguments: [
        ("<p>&rarr; &oacute; &shy; &amp; &lt;b&gt; &quot;&apos;</p>", "<p>\u{2192} \u{F3} \u{AD} &amp; &lt;b&gt; &quot;&#39;</p>"),
        ("<p>&NotEqualTilde; &fjlig; &CounterClockwiseContourIntegral; &ThickSpace;</p>",
         "<p>\u{2242}\u{338} fj \u{2233} \u{205F}\u{200A}</p>"),
        ("<p>&copy 2024, &notin; &notit; &amp &AMP; &bogus; &#8594; &#x2192;</p>", "<p>\u{A9} 2024, \u{2209} \u{AC}it; &amp; &amp; &amp;bogus; \u{2192} \u{2192}</p>"),
        ("<a href=\"/x?a=1&copy=2&amp;b&notin;\">x</a>", "<a href=\"/x?a=1&amp;copy=2&amp;b\u{2209}\" rel=\"noopener noreferrer nofollow\">x</a>"),
        ("<img alt=\"&eacute&rarr;\" title=\"&copyx\">", "<img alt=\"\u{E9}\u{2192}\" title=\"&amp;copyx\" loading=\"lazy\">"),
        ("<a href=\"javascript&colon;alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"java&Tab;script&#58;alert(1)\">x</a>", "<a>x</a>"),
    ])
    func namedCharacters(input: String, expected: String) {
        #expect(HTMLSanitizer.sanitize(input) == expected)
    }

    @Test("The table is the whole of HTML5's, and plain text decodes from it")
    func table() {
        #expect(HTMLNamedCharacters.table.count == 2231)
        #expect(HTMLNamedCharacters.table["rarr;"] == "\u{2192}" && HTMLNamedCharacters.table["eacute"] == "\u{E9}")
        #expect(HTMLSanitizer.plainText("<p>Next &rarr; caf&eacute;&shy;s</p>") == "Next \u{2192} caf\u{E9}\u{AD}s")
    }

    @Test("An element dropped with its content that is never closed is a problem; the rest is not lost silently", arguments: [
        ("<p>intro</p><svg><circle r=\"1\"/><p>the rest of the article</p>", ["unclosed <svg>"]),
        ("<style>p { color: red }<p>rest", ["unclosed <style>"]),
        ("<title>Help<p>rest", ["unclosed <title>"]),
        ("<p>a<script>alert(1)", ["unclosed <script>"]),
        ("<p>a</p><!-- draft: <p>rest", ["unclosed <!--"]),
        ("<svg><title>x</title></svg><p>ok</p><style>p{}</style><svg/><br>", []),
        ("<p>unclosed <em>allowed tags are closed for you", []),
    ])
    func problems(input: String, expected: [String]) {
        #expect(HTMLSanitizer.problems(input) == expected)
        #expect(HTMLSanitizer.problems(HTMLSanitizer.sanitize(input)) == [])
    }

    /// Sanitising its own output changes nothing: over random mixes of allowed and dropped tags, attributes with
    /// and without quotes, URLs, named (with and without `;`), numeric and unknown references, stray `<`, `&`
    /// and quotes, and unclosed tags.
    @Test("Sanitising is idempotent")
    func idempotent() async {
        let pieces = ["<p>", "</p>", "<b>", "</b>", "<em>", "</EM>", "<a href=\"", "<a href=", "<a href='/x?a=1&copy=2'>",
                      "</a>", "<img src=", "<img alt=\"", "\">", "'", ">", "<", "&", "=", " ", "\n", "text", "caf",
                      "&eacute;", "&eacute", "&rarr;", "&shy;", "&amp;", "&amp", "&lt;", "&gt;", "&quot;", "&#39;", "&notit;",
                      "&copy", "&copyx", "&bogus;", "&#8594;", "&#x2192;", "&#0;", "&#xD800;", "&NotEqualTilde;",
                      "javascript:", "https://example.com/", "<script>", "</script>", "<svg>", "</svg>", "<style>",
                      "</style>", "<!--", "-->", "<br/>", "<hr>", "<td colspan=2>", "<ol start=\"3\">", "<li>",
                      "<!DOCTYPE html>", "<?xml?>", "</", "<p/>", "\u{AD}", "\u{2192}", "é",
                      "<img width=12 height=", "<img loading=lazy src=/a.png width=\"", "<div class=\"callout-note\">",
                      "<div class=callout-warning>", "</div>", "100%", "42"]
        await propertyCheck(count: 500, input: Gen.element(of: pieces).map { $0 ?? "" }.array(of: 0...30)) { parts in
            let once = HTMLSanitizer.sanitize(parts.joined())
            #expect(HTMLSanitizer.sanitize(once) == once, "\(parts.joined())")
        }
    }
}
