import Foundation
import LanternCore
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// Issue 14, items 7 and 10, as an integrator meets them: look-alike e-mails never reach another contact or
/// company, and article HTML is never cut short silently.
@Suite("Look-alike e-mails and the sanitiser, through the server")
struct LookAlikeAndSanitiserTests {
    @Test("A Kelvin sign in the e-mail neither signs in as the ASCII contact nor joins the ASCII company")
    func kelvinSign() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            #expect(try await api.send(.POST, "companies", ["name": "Kiosk", "domains": ["kiosk.test"]]).status == .created)
            let kim = try await app.signIn(account, name: "Kim", email: "kim@compa-acme.test")

            for email in ["\u{212A}im@compa-acme.test", "eve@\u{212A}iosk.test"] {
                let token = TokenMinter.mint(name: "Mallory", email: email, secret: account.sharedSecret, lifetime: 600)
                let response = try await app.postSession(widgetID: account.widgetID, token: token)
                #expect(response.status == .unauthorized, "\(email): \(response.body.string)")
                #expect(response.error?.code == "invalid_claim", "\(email)")
            }
            let contacts = try api.array(try await api.send(.GET, "contacts?email=kim@compa-acme.test"))
            #expect(contacts.count == 1)
            #expect(contacts.first?["name"] as? String == "Kim")
            #expect(contacts.first?["id"] as? Int == kim.contact.id)
            #expect(try api.array(try await api.send(.GET, "contacts?email=%E2%84%AAim@compa-acme.test")).isEmpty)

            let lookAlike = try await api.send(.POST, "companies", ["name": "Look-alike", "domains": ["\u{212A}iosk.test"]])
            #expect(lookAlike.status == .unprocessableEntity, "\(lookAlike.body.string)")
        }
    }

    @Test("Article HTML that the sanitiser would cut short is refused with 422 naming the element")
    func unclosedElements() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            let category = try api.object(try await api.send(.POST, "solutions/categories", ["name": "Docs"]))["id"] as! Int
            let folder = try api.object(try await api.send(.POST, "solutions/categories/\(category)/folders", ["name": "All"]))["id"] as! Int
            for (html, element) in [("<p>Intro</p><svg><circle/><p>The rest of the article</p>", "<svg>"),
                                    ("<p>Intro</p><style>p { color: red }<p>Rest</p>", "<style>"),
                                    ("<p>Intro</p><title>Rest", "<title>")] {
                let response = try await api.send(.POST, "solutions/folders/\(folder)/articles", ["title": "T", "description": html])
                #expect(response.status == .unprocessableEntity, "\(html): \(response.body.string)")
                #expect(response.error?.code == "validation_failed")
                #expect(response.error?.fields?["description"]?.contains("unclosed \(element)") == true, "\(response.body.string)")
            }
            let entities = try await api.send(.POST, "solutions/folders/\(folder)/articles",
                                              ["title": "Arrows", "description": "<p>Next &rarr; Caf&eacute; co&shy;operate</p>"])
            #expect(entities.status == .created)
            let body = try api.object(entities)
            #expect(body["description"] as? String == "<p>Next → Café co\u{AD}operate</p>")
            let text = try #require(body["description_text"] as? String)
            #expect(text.hasPrefix("Next → Café co") && !text.contains("&"), "\(text)")
        }
    }
}
