import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// The portals' frame, the agent sign-in page, the error page, the customer portal's pages and the demo site,
/// rendered from hand-made page models; and the static files and policy that let the portals run no inline script.
@Suite("Portal frame and support views")
struct PortalFrameAndSupportViewTests {
    static let hostile = "<script>x</script>"
    static let escaped = "&lt;script&gt;x&lt;/script&gt;"

    static func frame(customer: String? = nil, section: SupportFrame.Section = .other, term: String = "") -> SupportFrame {
        SupportFrame(accountName: "Acme \(hostile)", language: "fr", customerName: customer, csrf: "tok-123", section: section,
                     searchTerm: term)
    }

    /// Every `<script` tag of `html` has a `src` (no inline script).
    static func scriptsAreFiles(_ html: String) -> Bool {
        html.components(separatedBy: "<script").dropFirst().allSatisfy { $0.hasPrefix(" src=") }
    }

    // MARK: The frame

    @Test("The frame loads the portals' style sheet and script as files, and escapes the title and site")
    func frameLoadsAssets() {
        let html = PortalLayout.page(title: "T \(Self.hostile)", site: "S \(Self.hostile)", flash: "F \(Self.hostile)",
                                     error: "E \(Self.hostile)", "<p>body</p>").description
        #expect(html.contains("<link rel=\"stylesheet\" href=\"/assets/portal.css\">\n<script src=\"/assets/portal.js\" defer></script>\n</head>"))
        #expect(html.contains("<title>T \(Self.escaped) · S \(Self.escaped)</title>"))
        #expect(html.contains("<p class=\"flash\" role=\"status\">F \(Self.escaped)</p><p class=\"error\" role=\"alert\">E \(Self.escaped)</p>"))
        #expect(!html.contains(Self.hostile))
        #expect(Self.scriptsAreFiles(html))
    }

    @Test("Portal pages allow only Lantern's own scripts: no 'unsafe-inline' in script-src")
    func contentSecurityPolicy() throws {
        let response = HTML("<p>x</p>").response(status: .created)
        #expect(response.status == .created)
        let policy = try #require(response.headers.first(name: "Content-Security-Policy"))
        let scriptSources = try #require(policy.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.hasPrefix("script-src") })
        #expect(scriptSources == "script-src 'self'")
        #expect(policy.contains("frame-ancestors 'none'"))
        #expect(response.headers.first(name: .cacheControl) == "no-store")
    }

    @Test("The agent frame shows admins the admin pages, marks the current section and signs out with the CSRF token")
    func agentFrame() {
        let admin = AgentPage.render(.viewTest(admin: true, name: "Ada \(Self.hostile)", csrf: "c-1"), title: "Widgets", section: .widgets,
                                     flash: "Saved.", "<p>x</p>")
        let adminHTML = admin.body.string ?? ""
        #expect(adminHTML.contains("<li><a href=\"/agent/widgets\" aria-current=\"page\">Widgets</a></li>"))
        #expect(adminHTML.contains("<li><a href=\"/agent/kb\">Knowledge base</a></li>"))
        #expect(adminHTML.contains("<span>Ada \(Self.escaped) · Test Co <form method=\"post\" action=\"/agent/logout\" class=\"inline\"><input type=\"hidden\" name=\"csrf_token\" value=\"c-1\"><button type=\"submit\">Sign out</button></form></span>"))
        #expect(adminHTML.contains("<p class=\"flash\" role=\"status\">Saved.</p>"))
        #expect(Self.scriptsAreFiles(adminHTML))
        let agent = AgentPage.render(.viewTest(admin: false), title: "KB", section: .kb, status: .unprocessableEntity, "<p>x</p>")
        #expect(agent.status == .unprocessableEntity)
        #expect(!(agent.body.string ?? "").contains("/agent/widgets"))
        #expect((agent.body.string ?? "").contains("<a href=\"/agent/api-key\">My API key</a>"))
    }

    // MARK: Agent sign-in and errors

    @Test("The sign-in form posts to /agent/login with its CSRF token, the address typed and where to go next")
    func signInPage() {
        let html = AgentSignInPage(csrf: "login-tok", email: "a\(Self.hostile)@x.example", next: "/agent/x\"><b>",
                                   error: "The e-mail address or password is incorrect.").render().description
        #expect(html.contains("<form method=\"post\" action=\"/agent/login\">\n<input type=\"hidden\" name=\"csrf_token\" value=\"login-tok\"><input type=\"hidden\" name=\"next\" value=\"/agent/x&quot;&gt;&lt;b&gt;\">"))
        #expect(html.contains("<label for=\"f-email\">E-mail address</label>"))
        #expect(html.contains("<input id=\"f-email\" name=\"email\" type=\"email\" value=\"a\(Self.escaped)@x.example\" required autocomplete=\"username\">"))
        #expect(html.contains("<input id=\"f-password\" name=\"password\" type=\"password\" value=\"\" required autocomplete=\"current-password\">"))
        #expect(html.contains("<p class=\"error\" role=\"alert\">The e-mail address or password is incorrect.</p>"))
        #expect(!html.contains("account_id"))
        #expect(!html.contains(Self.hostile))
    }

    @Test("With several accounts the sign-in form asks which one, names escaped")
    func signInAccountPicker() {
        let html = AgentSignInPage(csrf: "t", email: "a@x.example", next: nil,
                                   accounts: [.init(id: 3, name: "Globex \(Self.hostile)"), .init(id: 9, name: "Acme")],
                                   notice: "Choose the account.").render().description
        #expect(html.contains("<select id=\"f-account_id\" name=\"account_id\"><option value=\"3\">Globex \(Self.escaped)</option><option value=\"9\">Acme</option></select>"))
        #expect(html.contains("<p class=\"flash\" role=\"status\">Choose the account.</p>"))
        #expect(!html.contains("name=\"next\""))
    }

    @Test("The error page says what went wrong, escaped, and links back to the portal's start page")
    func errorPage() {
        let html = PortalErrorPage(site: "Help center", title: "Not \(Self.hostile)", message: "M \(Self.hostile)", startPage: "/support")
            .render().description
        #expect(html.contains("<h1>Not \(Self.escaped)</h1>\n<p>M \(Self.escaped)</p>\n<p><a href=\"/support\">Back to the start page</a></p>"))
        #expect(html.contains("<span class=\"brand\">Help center</span>"))
        #expect(!html.contains(Self.hostile))
    }

    // MARK: The customer portal

    @Test("The support frame: the account's help center, the search box, 'Submit a ticket', and for a customer their tickets, profile and sign-out")
    func supportFrame() {
        let signedIn = Self.frame(customer: "Ann \(Self.hostile)", section: .profile, term: "tax \"rates\"").render(title: "P", "<p>c</p>")
            .description
        #expect(signedIn.contains("<html lang=\"fr\">"))
        #expect(signedIn.contains("<span class=\"brand\">Acme \(Self.escaped) help center</span>"))
        #expect(signedIn.contains("<span><a href=\"/support/profile\">Ann \(Self.escaped)</a> <form method=\"post\" action=\"/support/logout\" class=\"inline\"><input type=\"hidden\" name=\"csrf_token\" value=\"tok-123\"><button type=\"submit\">Sign out</button></form></span>"))
        #expect(signedIn.contains("<li><a href=\"/support/solutions\">Help center</a></li><li><a href=\"/support/tickets\">My tickets</a></li><li><a href=\"/support/tickets/new\">Submit a ticket</a></li><li><a href=\"/support/profile\" aria-current=\"page\">My profile</a></li>"))
        #expect(signedIn.contains("<form method=\"get\" action=\"/support/search\" class=\"search\" role=\"search\">"))
        #expect(signedIn.contains("<input id=\"support-search\" name=\"term\" type=\"search\" value=\"tax &quot;rates&quot;\">"))
        #expect(signedIn.contains("<button type=\"submit\">Search</button></form><p>c</p>"))
        #expect(!signedIn.contains(Self.hostile))

        let anonymous = Self.frame(section: .solutions).render(title: "H", "<p>c</p>").description
        #expect(anonymous.contains("<li><a href=\"/support/solutions\" aria-current=\"page\">Help center</a></li><li><a href=\"/support/tickets/new\">Submit a ticket</a></li></ul>"))
        #expect(!anonymous.contains("/support/profile"))
        #expect(!anonymous.contains("\"/support/tickets\""))
        #expect(!anonymous.contains("/support/logout"))
    }

    @Test("The home page lists categories and folders with their counts, escaped; an empty one says so")
    func homePage() {
        let html = SupportHomePage(frame: Self.frame(), categories: [
            .init(name: "Billing \(Self.hostile)", description: "D", folders: [.init(id: 4, name: "Invoices \(Self.hostile)", articleCount: 12)]),
        ], signedOut: true).render().description
        #expect(html.contains("<section class=\"card\"><h2>Billing \(Self.escaped)</h2><p class=\"muted\">D</p>"))
        #expect(html.contains("<li><a href=\"/support/solutions/folders/4\">Invoices \(Self.escaped)</a> <span class=\"muted\">(12)</span></li>"))
        #expect(html.contains("<p class=\"flash\" role=\"status\">You are signed out.</p>"))
        #expect(html.contains("<title>Help center · Acme \(Self.escaped) help center</title>"))
        #expect(!html.contains(Self.hostile))
        let empty = SupportHomePage(frame: Self.frame(), categories: [], signedOut: false).render().description
        #expect(empty.contains("<h1>How can we help?</h1>\n<p>No articles yet.</p>"))
        #expect(!empty.contains("class=\"flash\""))
    }

    @Test("A folder page lists its articles with sanitised snippets and links the next page only when there is one")
    func folderPage() {
        let articles = SupportArticleList(items: [
            .init(articleID: 8, title: "Refunds \(Self.hostile)", snippet: "the <mark>refund</mark> <script>alert(1)</script>policy"),
        ])
        let html = SupportFolderPage(frame: Self.frame(), id: 4, name: "Invoices", description: "All about \(Self.hostile)",
                                     articles: articles, nextPage: 3).render().description
        #expect(html.contains("<li><a href=\"/support/solutions/articles/8\">Refunds \(Self.escaped)</a><br><span class=\"muted\">the <mark>refund</mark> "))
        #expect(!html.contains("alert(1)"))
        #expect(html.contains("<p class=\"muted\">All about \(Self.escaped)</p>"))
        #expect(html.contains("<p><a href=\"/support/solutions/folders/4?page=3\">More articles</a></p>"))
        let last = SupportFolderPage(frame: Self.frame(), id: 4, name: "Invoices", description: "", articles: articles, nextPage: nil)
            .render().description
        #expect(!last.contains("More articles"))
    }

    @Test("An article page sanitises the body and votes with the page's CSRF token")
    func articlePage() {
        let page = SupportArticlePage(frame: Self.frame(), id: 8, language: "en", title: "Refunds \(Self.hostile)",
                                      body: "<p>Money back</p><script>alert(2)</script><img src=x onerror=alert(3)>", fallback: true,
                                      thumbsUp: 5, thumbsDown: 1, voted: true)
        let html = page.render().description
        #expect(html.contains("<article class=\"card\" lang=\"en\"><h1>Refunds \(Self.escaped)</h1>"))
        #expect(html.contains("<p>Money back</p>"))
        #expect(!html.contains("alert(2)"))
        #expect(!html.contains("onerror"))
        #expect(html.contains("This article is not available in your language yet."))
        #expect(html.contains("<p class=\"flash\" role=\"status\">Thank you for your feedback.</p>"))
        #expect(html.contains("<form method=\"post\" action=\"/support/solutions/articles/8/vote\" class=\"actions\"><input type=\"hidden\" name=\"csrf_token\" value=\"tok-123\">"))
        #expect(html.contains("<button type=\"submit\" name=\"helpful\" value=\"yes\">Yes (5)</button>"))
        #expect(html.contains("<button type=\"submit\" name=\"helpful\" value=\"no\" class=\"secondary\">No (1)</button>"))
        #expect(Self.scriptsAreFiles(html))
        let plain = SupportArticlePage(frame: Self.frame(), id: 8, language: "fr", title: "T", body: "", fallback: false,
                                       thumbsUp: 0, thumbsDown: 0, voted: false).render().description
        #expect(!plain.contains("not available in your language"))
        #expect(!plain.contains("Thank you"))
    }

    @Test("Search results: a prompt without words, an escaped 'no match', and the count with the hits")
    func searchPage() {
        let none = SupportSearchPage(frame: Self.frame(), term: "", total: 0, hits: .init(items: [])).render().description
        #expect(none.contains("<h1>Search results</h1>\n<p>Type a few words to search.</p>"))
        let miss = SupportSearchPage(frame: Self.frame(term: Self.hostile), term: Self.hostile, total: 0, hits: .init(items: []))
            .render().description
        #expect(miss.contains("<p>No articles match “\(Self.escaped)”.</p>"))
        #expect(!miss.contains(Self.hostile))
        let one = SupportSearchPage(frame: Self.frame(), term: "vat", total: 1,
                                    hits: .init(items: [.init(articleID: 2, title: "VAT", snippet: "<mark>VAT</mark>")])).render().description
        #expect(one.contains("<p>1 article for “vat”.</p><ul class=\"card\"><li><a href=\"/support/solutions/articles/2\">VAT</a>"))
        let many = SupportSearchPage(frame: Self.frame(), term: "vat", total: 31, hits: .init(items: [])).render().description
        #expect(many.contains("<p>No articles match “vat”.</p>"))
        let counted = SupportSearchPage(frame: Self.frame(), term: "vat", total: 31,
                                        hits: .init(items: [.init(articleID: 2, title: "VAT", snippet: "")])).render().description
        #expect(counted.contains("<p>31 articles for “vat”.</p>"))
    }

    @Test("The profile form offers the account's languages with no preference first, and shows its error")
    func profilePage() {
        let html = SupportProfilePage(frame: Self.frame(customer: "Ann"), name: "Ann \(Self.hostile)", email: "ann@acme.example",
                                      languages: ["en", "fr"], preferredLanguage: "fr",
                                      error: "Choose one of the listed languages.").render().description
        #expect(html.contains("<p class=\"error\" role=\"alert\">Choose one of the listed languages.</p>"))
        #expect(html.contains("<p>Ann \(Self.escaped) · ann@acme.example</p>"))
        #expect(html.contains("<form method=\"post\" action=\"/support/profile\"><input type=\"hidden\" name=\"csrf_token\" value=\"tok-123\">"))
        #expect(html.contains("<select id=\"f-language\" name=\"language\"><option value=\"\">No preference</option><option value=\"en\">English (en)</option><option value=\"fr\" selected>"))
        #expect(!html.contains(Self.hostile))
        let none = SupportProfilePage(frame: Self.frame(customer: "Ann"), name: "Ann", email: "a@x", languages: ["en"],
                                      preferredLanguage: nil, flash: "Your preferences are saved.").render().description
        #expect(none.contains("<option value=\"\" selected>No preference</option>"))
        #expect(none.contains("<p class=\"flash\" role=\"status\">Your preferences are saved.</p>"))
        #expect(!none.contains("role=\"alert\""))
    }

    @Test("A refused sign-on link says why, escaped, and leads on to the help center")
    func signInFailedPage() {
        let html = SupportSignInFailedPage(accountName: "Acme \(Self.hostile)", code: "token_expired", message: "Expired \(Self.hostile)")
            .render().description
        #expect(html.contains("<p>The sign-in link from Acme \(Self.escaped)'s website was refused.</p>"))
        #expect(html.contains("<p>Reason: <code>token_expired</code> — Expired \(Self.escaped)</p>"))
        #expect(html.contains("<a href=\"/support\">Continue to the help center without signing in</a>"))
        #expect(!html.contains(Self.hostile))
    }

    // MARK: The demo site

    @Test("The demo site embeds the widget and shows the same snippet escaped; customers' names are escaped")
    func demoSite() {
        let html = DemoSitePage(widgetID: 42, baseURL: "https://help.example",
                                customers: [.init(name: "Mal \(Self.hostile)", email: "mal@evil.example")]).render().description
        #expect(html.contains("<option value=\"mal@evil.example\">Mal \(Self.escaped) — mal@evil.example</option>"))
        #expect(html.contains("  <script>\n  window.lanternSettings = { widgetId: 42 };"))
        #expect(html.contains("<script src=\"https://help.example/widget/v1/loader.js\" async defer></script>\n  <script>"))
        #expect(html.contains("<pre>&lt;script&gt;\n  window.lanternSettings = { widgetId: 42 };"))
        #expect(html.contains("<code id=\"demo-widget-id\">42</code>"))
        #expect(!html.contains(Self.hostile))
    }

    // MARK: Static files

    @Test("/assets/portal.css and /assets/portal.js are served from Public/portal with their types, cached an hour")
    func portalAssets() async throws {
        try await withLantern { app in
            for (name, subType, marker) in [("portal.css", "css", "header.site"), ("portal.js", "javascript", "data-copy")] {
                let response = try await app.testing().sendRequest(.GET, "assets/\(name)")
                #expect(response.status == .ok, "\(name)")
                #expect(response.headers.contentType?.subType == subType)
                #expect(response.headers.contentType?.parameters["charset"] == "utf-8")
                #expect(response.headers.first(name: .cacheControl) == "public, max-age=3600")
                #expect(response.body.string.contains(marker))
                #expect(!response.body.string.contains("<script"))
                let etag = try #require(response.headers.first(name: .eTag))
                let again = try await app.testing().sendRequest(.GET, "assets/\(name)", headers: ["If-None-Match": etag])
                #expect(again.status == .notModified)
            }
            let page = try await app.testing().sendRequest(.GET, "agent/login")
            #expect(page.body.string.contains("<script src=\"/assets/portal.js\" defer></script>"))
            #expect(Self.scriptsAreFiles(page.body.string))
            #expect(try await app.testing().sendRequest(.GET, "assets/portal.map").status == .notFound)
        }
    }

    @Test("Without Public/portal the assets answer a JSON 404")
    func missingPortalAssets() async throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-public-\(UUID().uuidString)")
        try await withLantern { app in
            try app.grouped("missing").register(collection: PortalAssetsController(files: StaticAsset.load(PortalAssetsController.names, in: empty)))
            let response = try await app.testing().sendRequest(.GET, "missing/assets/portal.js")
            #expect(response.status == .notFound)
            #expect(response.error?.code == "not_found")
        }
    }
}
