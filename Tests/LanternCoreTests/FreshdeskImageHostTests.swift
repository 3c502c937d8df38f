import Foundation
import Testing
@testable import LanternCore

@Suite("Freshdesk image hosts")
struct FreshdeskImageHostTests {
    static let source = try! FreshdeskSource("https://acme.freshdesk.com")

    @Test("only the account's origin and Freshdesk's attachment storage are Freshdesk's; look-alikes are not")
    func allowList() {
        let of = { (url: String) in FreshdeskImageHost.of(url, source: Self.source) }
        #expect(of("https://acme.freshdesk.com/helpdesk/attachments/1") == .account)
        #expect(of("https://ACME.freshdesk.com/helpdesk/attachments/1") == .account)
        #expect(of("https://attachment.freshdesk.com/inline/attachment?token=x") == .storage)
        #expect(of("https://eucattachment.freshdesk.com/inline/attachment?token=x") == .storage)
        #expect(of("https://indattachment.freshdesk.com/inline/attachment?token=x") == .storage)
        #expect(of("https://s3.amazonaws.com/cdn.freshdesk.com/data/helpdesk/attachments/production/1/original/a.png?1") == .storage)
        for refused in [
            "http://attachment.freshdesk.com/x", "https://attachment.freshdesk.com:8443/x", "https://user:pw@attachment.freshdesk.com/x",
            "https://attachment.freshdesk.com.evil.example/x", "https://other.freshdesk.com/x", "https://s3.amazonaws.com/other-bucket/x",
            "https://s3.amazonaws.com/cdn.freshdesk.com.evil/x", "https://s3-eu-west-1.amazonaws.com/cdn.freshdesk.com/x",
            "http://acme.freshdesk.com/x", "https://acme.freshdesk.com:444/x", "https://images.example/a.png", "data:image/png;base64,AA",
        ] {
            #expect(of(refused) == nil, "\(refused)")
        }
    }

    @Test("relative addresses are read against the account's origin, //host as https")
    func absolute() {
        #expect(FreshdeskImageHost.absolute("/inline/attachment?token=a", source: Self.source) == "https://acme.freshdesk.com/inline/attachment?token=a")
        #expect(FreshdeskImageHost.absolute("//attachment.freshdesk.com/x", source: Self.source) == "https://attachment.freshdesk.com/x")
        #expect(FreshdeskImageHost.absolute("https://images.example/a.png", source: Self.source) == "https://images.example/a.png")
    }

    @Test("the sanitiser lists image sources and replaces them, keeping every other attribute")
    func replacingImageSources() {
        let html = HTMLSanitizer.sanitize(#"<p>A</p><img src="https://x.example/a.png?x=1&amp;y=2" width="640" height="480" alt="A"><img src="/b.png"><a href="https://x.example/a.png?x=1&amp;y=2">l</a>"#)
        #expect(HTMLSanitizer.imageSources(html) == ["https://x.example/a.png?x=1&y=2", "/b.png"])
        let replaced = HTMLSanitizer.sanitize(html, replacingImageSources: ["https://x.example/a.png?x=1&y=2": "/widget/v1/article-files/1/k/a.png"])
        #expect(replaced == #"<p>A</p><img src="/widget/v1/article-files/1/k/a.png" width="640" height="480" alt="A" loading="lazy"><img src="/b.png" loading="lazy"><a href="https://x.example/a.png?x=1&amp;y=2" rel="noopener noreferrer nofollow">l</a>"#)
        #expect(HTMLSanitizer.sanitize(replaced) == replaced)
    }
}
