import Testing
@testable import LanternCore

@Suite("E-mail addresses")
struct EmailAddressTests {
    @Test("Valid addresses are accepted and lower-cased", arguments: [
        ("Alice@Example.COM", "alice@example.com"), ("a.b+tag@sub.example.co.uk", "a.b+tag@sub.example.co.uk"),
        ("o'neil@example.ie", "o'neil@example.ie"), ("  x@y.io ", "x@y.io"), ("josé@exämple.de", "josé@exämple.de"),
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
}
