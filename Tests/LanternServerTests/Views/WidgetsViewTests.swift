import Foundation
import Testing
@testable import LanternServer

/// The widget pages and the widget security pages of the agent portal (admins), rendered from hand-made page models.
@Suite("Widget views")
struct WidgetsViewTests {
    static let hostile = "<script>x</script>"
    static let escaped = "&lt;script&gt;x&lt;/script&gt;"

    func widgetPage() -> AgentWidgetPage {
        AgentWidgetPage(id: 12, widgetName: "Help \(Self.hostile)", csrf: "tok", embedScheme: "https", embedHost: "help.example.com",
                        name: "Help", categories: [.init(id: 2, name: "Billing \(Self.hostile)", isLinked: true),
                                                   .init(id: 3, name: "Other", isLinked: false)],
                        contactFormEnabled: true, contactFormLoggedInOnly: false, defaultLanguage: "fr",
                        accountDefaultLanguage: "en", languages: ["en", "fr"],
                        allowedOrigins: "https://www.acme.example\nhttp://localhost:*")
    }

    @Test("The widget list links each widget and offers the new-widget form")
    func list() {
        let page = AgentWidgetsPage(widgets: [.init(id: 4, name: "W \(Self.hostile)")], csrf: "tok")
        let html = page.content.description
        #expect(!html.contains(Self.hostile))
        #expect(html.contains("<li><a href=\"/agent/widgets/4\">W \(Self.escaped)</a> <span class=\"muted\">id 4</span></li>"))
        #expect(html.contains("<form method=\"post\" action=\"/agent/widgets\" class=\"\"><input type=\"hidden\" name=\"csrf_token\" value=\"tok\">"))
        #expect(html.contains("<button type=\"submit\">Create widget</button>"))
    }

    @Test("The widget page: the embed code escaped in its text area, and every setting of the form")
    func widget() {
        let html = widgetPage().content.description
        #expect(!html.contains(Self.hostile))
        #expect(html.contains("<h1>Widget: Help \(Self.escaped)</h1>"))
        #expect(html.contains("<textarea id=\"embed-snippet\" readonly rows=\"7\">&lt;script&gt;\n  window.lanternSettings = { widgetId: &quot;12&quot; };"))
        #expect(html.contains("&lt;script src=&quot;https://help.example.com/widget/v1/loader.js&quot; async defer&gt;&lt;/script&gt;</textarea>"))
        #expect(html.contains("data-copy=\"embed-snippet\""))
        #expect(!html.contains("<script"))
        #expect(html.contains("action=\"/agent/widgets/12\""))
        #expect(html.contains("<input type=\"checkbox\" id=\"f-category_ids-2\" name=\"category_ids\" value=\"2\" checked><label for=\"f-category_ids-2\">Billing \(Self.escaped)</label>"))
        #expect(html.contains("<input type=\"checkbox\" id=\"f-category_ids-3\" name=\"category_ids\" value=\"3\"><label"))
        #expect(html.contains("id=\"f-contact_form_enabled-1\" name=\"contact_form_enabled\" value=\"1\" checked>"))
        #expect(html.contains("id=\"f-contact_form_logged_in_only-1\" name=\"contact_form_logged_in_only\" value=\"1\"><label"))
        #expect(html.contains("<option value=\"\">The account&#39;s default (en)</option><option value=\"en\">en</option><option value=\"fr\" selected>fr</option>"))
        #expect(html.contains("aria-describedby=\"f-origins-hint\">https://www.acme.example\nhttp://localhost:*</textarea>"))
    }

    @Test("The embed snippet is the documented one, with the scheme and host it is given")
    func snippet() {
        #expect(AgentWidgetPage.embedSnippet(widgetID: 5, host: "localhost:8080", scheme: "http") == """
            <script>
              window.lanternSettings = { widgetId: "5" };
              !function(){if("function"!=typeof window.Lantern){var n=function(){n.q.push(arguments)};n.q=[],window.Lantern=n}}();
            </script>
            <script src="http://localhost:8080/widget/v1/loader.js" async defer></script>
            """)
    }

    @Test("A refused widget form is a 422 naming its problems, in the Widgets section")
    func refused() throws {
        var page = widgetPage()
        page.errors = ["allowed_origins": "contains \"x\"", "name": "must not be blank"]
        let response = page.render(.viewTest())
        #expect(response.status == .unprocessableEntity)
        let body = try #require(response.body.string)
        #expect(body.contains("<p class=\"error\" role=\"alert\">Please correct: Allowed origins contains &quot;x&quot;; Name must not be blank.</p>"))
        #expect(body.contains("<a href=\"/agent/widgets\" aria-current=\"page\">Widgets</a>"))
        #expect(body.contains("<title>Help \(Self.escaped) · Lantern agent portal</title>"))
    }

    @Test("The security page hides the secret behind a reveal; the reset page warns and confirms with a hidden field")
    func security() throws {
        var page = AgentWidgetSecurityPage(sharedSecret: "secret-<1>", resetAt: Date(timeIntervalSince1970: 86_400))
        page.flash = "The shared secret was reset. Every signed-in customer has been signed out."
        let html = page.content.description
        #expect(html.contains("<details id=\"secret-details\"><summary>Reveal the shared secret</summary>\n<p><code id=\"shared-secret\">secret-&lt;1&gt;</code></p>"))
        #expect(html.contains("<p class=\"muted\">Last set 1970-01-02 00:00:00 UTC.</p>"))
        #expect(html.contains("<a class=\"button\" href=\"/agent/security/widget/reset\""))
        let framed = try #require(page.render(.viewTest()).body.string)
        #expect(framed.contains("<p class=\"flash\" role=\"status\">The shared secret was reset."))
        #expect(framed.contains("<a href=\"/agent/security/widget\" aria-current=\"page\">Security</a>"))

        let reset = AgentSecretResetPage(csrf: "tok").content.description
        #expect(reset.contains("<p class=\"warning\" role=\"alert\">Every signed-in customer will be signed out"))
        #expect(reset.contains("<form method=\"post\" action=\"/agent/security/widget/reset\" class=\"\"><input type=\"hidden\" name=\"csrf_token\" value=\"tok\"><input type=\"hidden\" name=\"confirm\" value=\"yes\">"))
        #expect(reset.contains("<a href=\"/agent/security/widget\">Cancel</a>"))
    }
}
