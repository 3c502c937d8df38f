import Testing
@testable import LanternCore

@Suite("Embed origins")
struct EmbedOriginTests {
    @Test("Valid patterns are accepted and normalised", arguments: [
        ("https://*.example.com", "https://*.example.com"),
        ("http://localhost:*", "http://localhost:*"),
        ("https://help.example.com:8443", "https://help.example.com:8443"),
        ("HTTPS://Help.Example.COM", "https://help.example.com"),
        ("  https://example.com  ", "https://example.com"),
        ("http://localhost", "http://localhost"),
        ("http://localhost:3000", "http://localhost:3000"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://[::1]:3000", "http://[::1]:3000"),
        ("https://*.example.com:*", "https://*.example.com:*"),
        ("https://xn--bcher-kva.example", "https://xn--bcher-kva.example"),
        ("https://my-site.example.co.uk", "https://my-site.example.co.uk"),
        ("https://example.com:08443", "https://example.com:8443"),
    ])
    func accepts(raw: String, normalised: String) {
        #expect(EmbedOrigin(raw)?.description == normalised)
    }

    @Test("Anything but scheme://host[:port] is rejected", arguments: [
        "", "example.com", "*.example.com", "//example.com", "ftp://example.com", "ws://example.com",
        "file:///etc/passwd", "javascript:alert(1)", "https://", "https://:443", "https://example.com/",
        "https://example.com/path", "https://example.com?x=1", "https://example.com#top", "https://user@example.com",
        "https://user:pw@example.com", "https://*", "https://*.com", "https://*.*.example.com", "https://a.*.example.com",
        "https://ex*ample.com", "https://example.com:0", "https://example.com:65536", "https://example.com:",
        "https://example.com:80a", "https://example.com:-1", "https://example.com:+80", "https://exa mple.com",
        "https://-example.com", "https://example-.com", "https://example..com", "https://example.com.", "https://.example.com",
        "https://exämple.com", "https://example.123", "http://256.1.1.1", "http://1.2.3", "http://[::1", "http://[::1]x",
        "https://*.127.0.0.1", "https://ex_ample.com", "https://" + String(repeating: "a", count: 64) + ".com", "*",
        "https://example.com:*:*", "null",
    ])
    func rejects(raw: String) {
        #expect(EmbedOrigin(raw) == nil)
    }

    @Test("An exact pattern matches its own origin only, with the scheme's default port")
    func exact() throws {
        let pattern = try #require(EmbedOrigin("https://help.example.com"))
        #expect(pattern.matches("https://help.example.com"))
        #expect(pattern.matches("https://help.example.com:443"))
        #expect(pattern.matches("HTTPS://HELP.EXAMPLE.COM"))
        #expect(!pattern.matches("http://help.example.com"))
        #expect(!pattern.matches("https://help.example.com:8443"))
        #expect(!pattern.matches("https://example.com"))
        #expect(!pattern.matches("https://a.help.example.com"))
        #expect(!pattern.matches("https://help.example.com.evil.com"))
        #expect(!pattern.matches("https://evilhelp.example.com"))

        let withDefaultPort = try #require(EmbedOrigin("http://example.com:80"))
        #expect(withDefaultPort.matches("http://example.com"))
        #expect(!withDefaultPort.matches("http://example.com:8080"))
    }

    @Test("A wildcard subdomain matches subdomains at any depth, not the name itself or look-alikes")
    func wildcardSubdomain() throws {
        let pattern = try #require(EmbedOrigin("https://*.example.com"))
        #expect(pattern.matches("https://a.example.com"))
        #expect(pattern.matches("https://a.b.example.com"))
        #expect(!pattern.matches("https://example.com"))
        #expect(!pattern.matches("https://badexample.com"))
        #expect(!pattern.matches("https://a.example.com.evil.com"))
        #expect(!pattern.matches("http://a.example.com"))
        #expect(!pattern.matches("https://a.example.com:8443"))
        #expect(!pattern.matches("https://.example.com"))
    }

    @Test("A wildcard port matches any port, including the default one")
    func wildcardPort() throws {
        let pattern = try #require(EmbedOrigin("http://localhost:*"))
        #expect(pattern.matches("http://localhost"))
        #expect(pattern.matches("http://localhost:3000"))
        #expect(pattern.matches("http://localhost:65535"))
        #expect(!pattern.matches("https://localhost:3000"))
        #expect(!pattern.matches("http://localhost.example.com:3000"))
        #expect(!pattern.matches("http://127.0.0.1:3000"))

        let both = try #require(EmbedOrigin("https://*.example.com:*"))
        #expect(both.matches("https://a.example.com:8443"))
        #expect(!both.matches("https://example.com:8443"))
    }

    @Test("A specific port matches that port only")
    func specificPort() throws {
        let pattern = try #require(EmbedOrigin("https://help.example.com:8443"))
        #expect(pattern.matches("https://help.example.com:8443"))
        #expect(!pattern.matches("https://help.example.com"))
        #expect(!pattern.matches("https://help.example.com:443"))
        #expect(!pattern.matches("https://help.example.com:84430"))
    }

    @Test("Things that are not concrete origins never match", arguments: [
        "null", "", "https://*.example.com", "https://a.example.com:*", "https://a.example.com/", "https://a.example.com/x",
        "a.example.com", "https://user@a.example.com", "ws://a.example.com",
    ])
    func nonOrigins(origin: String) throws {
        let wildcard = try #require(EmbedOrigin("https://*.example.com:*"))
        #expect(!wildcard.matches(origin))
    }

    @Test("IP addresses match exactly")
    func addresses() throws {
        #expect(try #require(EmbedOrigin("http://127.0.0.1:8080")).matches("http://127.0.0.1:8080"))
        #expect(!(try #require(EmbedOrigin("http://127.0.0.1:8080")).matches("http://127.0.0.2:8080")))
        #expect(try #require(EmbedOrigin("http://[::1]:*")).matches("http://[::1]:3000"))
    }

    @Test("An empty list allows every origin; otherwise one pattern must match")
    func allows() throws {
        #expect(EmbedOrigin.allows("https://anything.example", patterns: []))
        let patterns = ["https://*.example.com", "http://localhost:*"].compactMap(EmbedOrigin.init)
        #expect(EmbedOrigin.allows("http://localhost:5173", patterns: patterns))
        #expect(EmbedOrigin.allows("https://docs.example.com", patterns: patterns))
        #expect(!EmbedOrigin.allows("https://example.org", patterns: patterns))
    }
}
