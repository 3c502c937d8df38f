import Foundation
import LanternCore
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// Issue 14, item 1: no redirect and no header built from input can carry CR, LF or another control character, so
/// an attacker's `next` or `redirect_to` can neither add a header (a `Set-Cookie` replacing the agent's session) nor
/// start the body.
@Suite("Header injection through redirects")
struct RedirectInjectionTests {
    /// `next` / `redirect_to` values that would each add a header or a body to today's answer.
    static let injected = [
        "%2Fagent%2Fkb%0d%0aSet-Cookie:%20lantern_agent=X",
        "%2Fagent%2Fkb%0d%0a%0d%0a%3Chtml%3Eowned",
        "%2Fagent%2Fkb%0aSet-Cookie:%20lantern_agent=X",
        "%2Fagent%2Fkb%0dSet-Cookie:%20lantern_agent=X",
        "%2Fagent%2Fkb%00x",
    ]

    /// Every header of `response` is free of control characters, and none sets the attacker's cookie.
    static func expectClean(_ response: TestingHTTPResponse, sourceLocation: SourceLocation = #_sourceLocation) {
        for (name, value) in response.headers {
            #expect(HeaderValue.isSafe(value), "header \(name) carries a control character: \(value.debugDescription)",
                    sourceLocation: sourceLocation)
        }
        // Compare whole name=value pairs: a random session value may well start with "X".
        let pairs = response.headers[.setCookie].map { $0.split(separator: ";", maxSplits: 1).first.map(String.init) ?? $0 }
        #expect(!pairs.contains { $0 == "lantern_agent=X" || $0.hasPrefix("x=") }, "\(pairs)", sourceLocation: sourceLocation)
    }

    @Test("A signed-in agent's /agent/login?next= with CR/LF goes to the knowledge base, with no header added")
    func agentNext() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let browser = try await app.agentBrowser(account)
            let session = try #require(browser.cookies[PortalSessionService.agentCookie])
            for next in Self.injected {
                let response = try await browser.get("/agent/login?next=\(next)")
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == ["/agent/kb"], "next=\(next)")
                Self.expectClean(response)
                #expect(browser.cookies[PortalSessionService.agentCookie] == session)
            }
            // A clean `next` is still followed.
            let clean = try await browser.get("/agent/login?next=%2Fagent%2Ftickets")
            #expect(clean.headers[.location] == ["/agent/tickets"])
        }
    }

    @Test("The sign-in form's next field with CR/LF falls back to the knowledge base")
    func agentFormNext() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            app.lantern.behindProxy = true
            let browser = PortalBrowser(app)
            let token = try await browser.csrf(from: "/agent/login")
            let response = try await browser.post("/agent/login", [("csrf_token", token), ("email", account.adminEmail),
                                                                   ("password", "correct horse"),
                                                                   ("next", "/agent/kb\r\nSet-Cookie: lantern_agent=X")])
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == ["/agent/kb"])
            Self.expectClean(response)
        }
    }

    @Test("/support/login/jwt?redirect_to= with CR/LF goes to the solutions home, with no header added")
    func supportRedirect() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            app.lantern.supportWidgetID = account.widgetID
            let token = TokenMinter.mint(name: "Cara", email: "cara@customer.example", secret: account.sharedSecret)
            for target in Self.injected.map({ $0.replacingOccurrences(of: "%2Fagent%2Fkb", with: "%2Fsupport") })
                + ["%2Fsupport%0d%0aSet-Cookie:%20x=1"] {
                let response = try await PortalBrowser(app).get("/support/login/jwt?token=\(token)&redirect_to=\(target)")
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == ["/support/solutions"], "redirect_to=\(target)")
                Self.expectClean(response)
            }
            let clean = try await PortalBrowser(app).get("/support/login/jwt?token=\(token)&redirect_to=%2Fsupport%2Fprofile")
            #expect(clean.headers[.location] == ["/support/profile"])
        }
    }

    @Test("An attachment's name with control characters cannot end the Content-Disposition header")
    func attachmentName() {
        let header = Response.contentDisposition("report\r\nSet-Cookie: x=1\u{0}.pdf")
        #expect(HeaderValue.isSafe(header))
        #expect(header.hasPrefix("attachment; filename=\"report__Set-Cookie: x=1_.pdf\"; filename*=UTF-8''report%0D%0ASet-Cookie"))
        #expect(Response.contentDisposition("résumé.pdf") == "attachment; filename=\"r_sum_.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf")
    }
}
