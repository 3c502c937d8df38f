import LanternCore
import Testing

/// Issue 14, item 1: redirect targets and header values built from input refuse control characters.
@Suite("Local redirects and header values")
struct LocalRedirectTests {
    @Test("A path under the prefix is kept as it is")
    func kept() {
        #expect(LocalRedirect.path("/agent/kb", under: "/agent") == "/agent/kb")
        #expect(LocalRedirect.path("/agent", under: "/agent") == "/agent")
        #expect(LocalRedirect.path("/agent/kb?folder=3#top", under: "/agent") == "/agent/kb?folder=3#top")
        #expect(LocalRedirect.path("/support/solutions/articles/7%20x", under: "/support") == "/support/solutions/articles/7%20x")
    }

    @Test("CR, LF, NUL, tab, DEL, C1 controls, spaces and non-ASCII letters are refused", arguments: [
        "/agent/kb\r\nSet-Cookie: lantern_agent=X", "/agent/kb\nX: 1", "/agent/kb\r", "/agent/kb\u{0}", "/agent/kb\tx",
        "/agent/kb\u{7F}", "/agent/kb\u{85}", "/agent/kb x", "/agent/kbé", "/agent/kb\r\n\r\n<script>alert(1)</script>",
    ])
    func controls(_ candidate: String) {
        #expect(LocalRedirect.path(candidate, under: "/agent") == nil)
    }

    @Test("Other sites, other prefixes, look-alike prefixes and excluded paths are refused", arguments: [
        "//evil.example/agent", "https://evil.example/agent", "/agent\\evil", "/agentevil", "/support/x", "", "agent/kb",
        "/agent/login", "/agent/login?next=/agent/kb",
    ])
    func elsewhere(_ candidate: String) {
        #expect(LocalRedirect.path(candidate, under: "/agent", excluding: ["/agent/login"]) == nil)
        #expect(LocalRedirect.path(nil, under: "/agent") == nil)
    }

    @Test("A header value is safe only without control characters; they can be replaced")
    func headerValues() {
        #expect(HeaderValue.isSafe("attachment; filename=\"a b.pdf\""))
        #expect(HeaderValue.isSafe("café"))
        for bad in ["a\rb", "a\nb", "a\u{0}b", "a\tb", "a\u{7F}", "a\u{9B}b"] { #expect(!HeaderValue.isSafe(bad)) }
        #expect(HeaderValue.replacingControls(in: "a\r\nb\u{0}") == "a__b_")
    }
}
