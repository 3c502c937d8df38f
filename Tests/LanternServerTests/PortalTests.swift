import Fluent
import Foundation
import LanternCore
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

@Suite("Agent portal")
struct AgentPortalTests {
    @Test("Sign-in opens a server-side session (stored hashed) behind an HttpOnly, SameSite=Lax cookie; sign-out ends it")
    func signInAndOut() async throws {
        let location = TestDatabase.makeLocation()
        try await withLantern(location: location) { app in
            let account = try await makeAccount(app)
            app.lantern.behindProxy = true
            let browser = PortalBrowser(app)
            let anonymous = try await browser.get("/agent/kb")
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers.first(name: .location)?.hasPrefix("/agent/login?next=") == true)

            let page = try await browser.get("/agent/login")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("<label for=\"f-email\">E-mail address</label>"))
            let csrf = try #require(PortalBrowser.csrf(in: page.body.string))
            let wrong = try await browser.post("/agent/login", [("csrf_token", csrf), ("email", account.adminEmail), ("password", "wrong password")])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.body.string.contains("incorrect"))
            #expect(browser.cookies[PortalSessionService.agentCookie] == nil)

            let ok = try await browser.post("/agent/login", [("csrf_token", csrf), ("email", account.adminEmail.uppercased()),
                                                             ("password", "correct horse"), ("next", "/agent/contacts")])
            #expect(ok.status == .seeOther)
            #expect(ok.headers.first(name: .location) == "/agent/contacts")
            let cookie = try #require(browser.lastSetCookies.first { $0.hasPrefix("lantern_agent=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"))
            #expect(cookie.contains("Path=/agent"))
            let token = try #require(browser.cookies[PortalSessionService.agentCookie])
            let stored = try #require(try await AgentSession.query(on: app.db).filter(\.$accountID == account.accountID).first())
            #expect(stored.tokenDigest == APIKeyDigest.of(token))
            #expect(stored.tokenDigest != token)

            let kb = try await browser.get("/agent/kb")
            #expect(kb.status == .ok)
            #expect(kb.body.string.contains("<h1>Knowledge base</h1>"))

            // Another server process on the same database knows the session (it lives in the database).
            let second = try await Application.make(.testing)
            second.logger.logLevel = .warning
            do {
                try configure(second, settings: LanternSettings(database: location, bcryptCost: 4))
                let elsewhere = try await second.testing().sendRequest(.GET, "/agent/contacts", headers: ["Cookie": "lantern_agent=\(token)"])
                #expect(elsewhere.status == .ok)
                #expect(elsewhere.body.string.contains("<h1>Contacts</h1>"))
            } catch {
                try? await second.asyncShutdown()
                throw error
            }
            try await second.asyncShutdown()

            let logoutCSRF = try #require(PortalBrowser.csrf(in: kb.body.string))
            let out = try await browser.post("/agent/logout", [("csrf_token", logoutCSRF)])
            #expect(out.status == .seeOther)
            #expect(try await AgentSession.query(on: app.db).filter(\.$accountID == account.accountID).count() == 0)
            browser.cookies[PortalSessionService.agentCookie] = token  // a kept copy of the cookie is dead too
            #expect(try await browser.get("/agent/kb").status == .seeOther)
        }
    }

    @Test("The session cookie is Secure when the request came over TLS (X-Forwarded-Proto: https)")
    func secureCookie() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            app.lantern.behindProxy = true
            let browser = PortalBrowser(app, https: true)
            try await browser.signIn(email: account.adminEmail)
            let cookie = try #require(browser.lastSetCookies.first { $0.hasPrefix("lantern_agent=") })
            #expect(cookie.contains("Secure"))
            #expect(cookie.contains("HttpOnly"))
        }
    }

    @Test("Every POST needs the CSRF token: none or a wrong one is 403 and changes nothing")
    func csrf() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            app.lantern.behindProxy = true
            let stranger = PortalBrowser(app)
            _ = try await stranger.get("/agent/login")
            let noToken = try await stranger.post("/agent/login", [("email", account.adminEmail), ("password", "correct horse")])
            #expect(noToken.status == .forbidden)
            #expect(noToken.headers.contentType == .html)
            #expect(stranger.cookies[PortalSessionService.agentCookie] == nil)

            let browser = try await app.agentBrowser(account)
            let missing = try await browser.post("/agent/kb/categories", [("name", "Billing")])
            #expect(missing.status == .forbidden)
            let wrong = try await browser.post("/agent/kb/categories", [("csrf_token", "forged"), ("name", "Billing")])
            #expect(wrong.status == .forbidden)
            #expect(try await SolutionCategory.query(on: app.db).filter(\.$accountID == account.accountID).count() == 0)
            let token = try await browser.csrf(from: "/agent/kb")
            let created = try await browser.post("/agent/kb/categories", [("csrf_token", token), ("name", "Billing")])
            #expect(created.status == .seeOther)
            #expect(try await SolutionCategory.query(on: app.db).filter(\.$accountID == account.accountID).count() == 1)
            // Logging out needs it too.
            #expect(try await browser.post("/agent/logout", []).status == .forbidden)
        }
    }

    @Test("Repeated failures lock out the e-mail address and the client address with 429 and Retry-After")
    func lockout() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            app.lantern.behindProxy = true
            let attacker = PortalBrowser(app)
            let csrf = try await attacker.csrf(from: "/agent/login")
            for _ in 0..<LoginThrottle.maximumFailuresPerAgent {
                let response = try await attacker.post("/agent/login", [("csrf_token", csrf), ("email", account.adminEmail), ("password", "guess")])
                #expect(response.status == .unauthorized)
            }
            // Now even the right password is refused, from any address, until the window passes.
            let locked = try await attacker.post("/agent/login", [("csrf_token", csrf), ("email", account.adminEmail), ("password", "correct horse")])
            #expect(locked.status == .tooManyRequests)
            let retry = try #require(locked.headers.first(name: .retryAfter).flatMap(Int.init))
            #expect(retry > 0 && retry <= Int(LoginThrottle.window))
            #expect(locked.body.string.contains("Too many failed sign-in attempts"))
            let elsewhere = PortalBrowser(app)
            let csrf2 = try await elsewhere.csrf(from: "/agent/login")
            let alsoLocked = try await elsewhere.post("/agent/login", [("csrf_token", csrf2), ("email", account.adminEmail), ("password", "correct horse")])
            #expect(alsoLocked.status == .tooManyRequests)
            #expect(alsoLocked.headers.first(name: .retryAfter) != nil)
            #expect(try await LoginAttempt.query(on: app.db).filter(\.$key == LoginThrottle.agentKey(account.adminEmail, accountID: account.accountID)).count() == 5)

            // One address trying many e-mail addresses is stopped too.
            let other = try await makeAccount(app)
            let sprayer = PortalBrowser(app)
            let csrf3 = try await sprayer.csrf(from: "/agent/login")
            for index in 0..<LoginThrottle.maximumFailuresPerAddress {
                let response = try await sprayer.post("/agent/login", [("csrf_token", csrf3), ("email", "nobody\(index)-\(UUID().uuidString.prefix(6))@x.example"), ("password", "guess")])
                #expect(response.status == .unauthorized)
            }
            let sprayed = try await sprayer.post("/agent/login", [("csrf_token", csrf3), ("email", other.adminEmail), ("password", "correct horse")])
            #expect(sprayed.status == .tooManyRequests)
            #expect(sprayed.headers.first(name: .retryAfter) != nil)
            // The other account's admin, from their own address, is not affected.
            let admin = PortalBrowser(app)
            try await admin.signIn(email: other.adminEmail)
        }
    }

    @Test("An address that is an agent of two accounts chooses the account after the password checks out")
    func severalAccounts() async throws {
        try await withLantern { app in
            let email = "shared-\(UUID().uuidString.prefix(8).lowercased())@agents.example"
            let first = try await AccountProvisioner.provision(.init(accountName: "First Co", adminEmail: email, adminPassword: "correct horse"), on: app)
            let second = try await AccountProvisioner.provision(.init(accountName: "Second Co", adminEmail: email, adminPassword: "correct horse"), on: app)
            app.lantern.behindProxy = true
            let browser = PortalBrowser(app)
            let csrf = try await browser.csrf(from: "/agent/login")
            let choose = try await browser.post("/agent/login", [("csrf_token", csrf), ("email", email), ("password", "correct horse")])
            #expect(choose.status == .ok)
            #expect(choose.body.string.contains("First Co") && choose.body.string.contains("Second Co"))
            #expect(browser.cookies[PortalSessionService.agentCookie] == nil)
            let chosen = try await browser.post("/agent/login", [("csrf_token", csrf), ("email", email), ("password", "correct horse"),
                                                                 ("account_id", String(second.accountID))])
            #expect(chosen.status == .seeOther)
            let kb = try await browser.get("/agent/kb")
            #expect(kb.body.string.contains("Second Co"))
            #expect(first.accountID != second.accountID)
        }
    }

    @Test("Agent-provided and customer-provided strings are escaped on every page; article HTML is sanitised")
    func escaping() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let evil = "<script>alert(1)</script>"
            let category = SolutionCategory(accountID: account.accountID, name: "Cat \(evil)", description: "", position: 1)
            try await category.create(on: app.db)
            let folder = SolutionFolder(accountID: account.accountID, categoryID: try category.requireID(), name: "Folder \(evil)",
                                        description: "", visibility: .allUsers, position: 1)
            try await folder.create(on: app.db)
            var errors = FieldErrors()
            let fields = ArticleStore.fields(ArticleInput(title: "Title \(evil)", description: "<p>Body</p><script>alert(2)</script><img src=x onerror=alert(3)>",
                                                          status: 2, tags: nil, folder_id: nil, language: nil), required: true, errors: &errors)
            let (article, _) = try await ArticleStore.create(accountID: account.accountID, folderID: try folder.requireID(), language: "en", fields: fields, on: app.db)
            try await Contact(accountID: account.accountID, name: "Mallory \(evil)", email: "mallory@evil.example").create(on: app.db)

            let browser = try await app.agentBrowser(account)
            for path in ["/agent/kb", "/agent/kb/folders/\(try folder.requireID())", "/agent/kb/articles/\(try article.requireID())", "/agent/contacts?q=mallory"] {
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(!page.body.string.contains(evil), "\(path) has the raw script")
                #expect(page.body.string.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(path) lacks the escaped text")
            }
            let editor = try await browser.get("/agent/kb/articles/\(try article.requireID())").body.string
            #expect(!editor.contains("<script>alert(2)"))
            #expect(!editor.contains("onerror"))

            app.lantern.supportWidgetID = account.widgetID
            let support = try await app.testing().sendRequest(.GET, "/support/solutions/articles/\(try article.requireID())")
            #expect(support.status == .ok)
            #expect(support.body.string.contains("Title &lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!support.body.string.contains(evil))
            #expect(!support.body.string.contains("alert(2)"))
            #expect(!support.body.string.contains("onerror"))
            // A search term comes back escaped.
            let search = try await app.testing().sendRequest(.GET, "/support/search?term=%3Cscript%3Ealert(9)%3C%2Fscript%3E")
            #expect(search.status == .ok)
            #expect(!search.body.string.contains("<script>alert(9)"))
        }
    }

    @Test("Agents create a companies-only folder and an article through the forms; bad input is a 422 page, never a 500")
    func knowledgeBaseForms() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let acme = Company(accountID: account.accountID, name: "Acme", domains: ["acme.example"])
            try await acme.create(on: app.db)
            let browser = try await app.agentBrowser(account)
            let csrf = try await browser.csrf(from: "/agent/kb")
            let created = try await browser.post("/agent/kb/categories", [("csrf_token", csrf), ("name", "Guides")])
            let categoryPath = try #require(created.headers.first(name: .location)).split(separator: "?")[0]
            let noCompany = try await browser.post("\(categoryPath)/folders", [("csrf_token", csrf), ("name", "Acme only"), ("visibility", "4")])
            #expect(noCompany.status == .unprocessableEntity)
            #expect(noCompany.body.string.contains("Companies"))
            let garbage = try await browser.post("\(categoryPath)/folders", [("csrf_token", csrf), ("name", "X"), ("visibility", "abc"), ("company_ids", "zz")])
            #expect(garbage.status == .unprocessableEntity)
            let folderResponse = try await browser.post("\(categoryPath)/folders", [("csrf_token", csrf), ("name", "Acme only"), ("visibility", "4"),
                                                                                    ("company_ids", String(try acme.requireID()))])
            #expect(folderResponse.status == .seeOther)
            let folderPath = String(try #require(folderResponse.headers.first(name: .location)).split(separator: "?")[0])
            let folderID = try #require(Int(folderPath.split(separator: "/").last!))
            let folder = try #require(try await SolutionFolder.find(folderID, on: app.db))
            #expect(folder.visibility == .selectedCompanies)
            #expect(try await FolderCompany.query(on: app.db).filter(\.$folderID == folderID).all().map(\.companyID) == [try acme.requireID()])

            let preview = try await browser.post("\(folderPath)/articles", [("csrf_token", csrf), ("language", "en"), ("title", "Acme pricing"),
                                                                             ("description", "<p>Secret <b>prices</b></p><script>x()</script>"), ("action", "preview")])
            #expect(preview.status == .ok)
            #expect(preview.body.string.contains("<p>Secret <b>prices</b></p>"))
            #expect(!preview.body.string.contains("<script>x()"))
            #expect(try await Article.query(on: app.db).filter(\.$folderID == folderID).count() == 0)
            let published = try await browser.post("\(folderPath)/articles", [("csrf_token", csrf), ("language", "en"), ("title", "Acme pricing"),
                                                                               ("description", "<p>Secret prices</p><script>x()</script>"), ("action", "publish")])
            #expect(published.status == .seeOther)
            let article = try #require(try await Article.query(on: app.db).filter(\.$folderID == folderID).first())
            #expect(article.status == .published)
            let stored = try #require(try await ArticleStore.translation(of: article, in: "en", on: app.db))
            #expect(stored.description == "<p>Secret prices</p>")

            // A translation side by side, then a move to another folder.
            let articleID = try article.requireID()
            let page = try await browser.get("/agent/kb/articles/\(articleID)?lang=fr")
            #expect(page.body.string.contains("Translation: fr"))
            let translated = try await browser.post("/agent/kb/articles/\(articleID)/translations/fr", [("csrf_token", csrf), ("title", "Tarifs Acme"),
                                                                                                        ("description", "<p>Prix secrets</p>"), ("action", "draft")])
            #expect(translated.status == .seeOther)
            // A draft of the new translation: not live until it is published.
            #expect(try await ArticleStore.translation(of: article, in: "fr", on: app.db) == nil)
            #expect(try await ArticleRevisionService.draft(of: articleID, language: "fr", on: app.db)?.title == "Tarifs Acme")
            let frenchPage = try await browser.get("/agent/kb/articles/\(articleID)?lang=fr").body.string
            #expect(frenchPage.contains("This is a draft, saved by"))
            #expect(frenchPage.contains("value=\"Tarifs Acme\""))
            let french = try await browser.post("/agent/kb/articles/\(articleID)/translations/fr", [("csrf_token", csrf), ("title", "Tarifs Acme"),
                                                                                                    ("description", "<p>Prix secrets</p>"), ("action", "publish")])
            #expect(french.status == .seeOther)
            #expect(try await ArticleStore.translation(of: article, in: "fr", on: app.db)?.title == "Tarifs Acme")
            #expect(try await ArticleRevisionService.draft(of: articleID, language: "fr", on: app.db) == nil)
            let badLanguage = try await browser.post("/agent/kb/articles/\(articleID)/translations/xx-not", [("csrf_token", csrf), ("title", "T"), ("description", "<p>x</p>")])
            #expect(badLanguage.status == .unprocessableEntity)
            let general = try await browser.post("\(categoryPath)/folders", [("csrf_token", csrf), ("name", "General"), ("visibility", "1")])
            let generalLocation = try #require(general.headers.first(name: .location))
            let generalID = try #require(Int(generalLocation.split(separator: "?")[0].split(separator: "/").last!))
            let moved = try await browser.post("/agent/kb/articles/\(articleID)", [("csrf_token", csrf), ("title", "Acme pricing"),
                                                                                   ("description", "<p>New prices</p>"), ("folder_id", String(generalID)), ("action", "draft")])
            #expect(moved.status == .seeOther)
            let reloaded = try #require(try await Article.find(articleID, on: app.db))
            #expect(reloaded.folderID == generalID)
            // Saving a draft of a published article leaves it published, with its text, until "Publish".
            #expect(reloaded.status == .published)
            #expect(try await ArticleStore.translation(of: article, in: "en", on: app.db)?.description == "<p>Secret prices</p>")
            #expect(try await ArticleRevisionService.draft(of: articleID, language: "en", on: app.db)?.description == "<p>New prices</p>")
            let unpublished = try await browser.post("/agent/kb/articles/\(articleID)", [("csrf_token", csrf), ("title", "Acme pricing"),
                                                                                         ("description", "<p>New prices</p>"), ("action", "unpublish")])
            #expect(unpublished.status == .seeOther)
            #expect(try await Article.find(articleID, on: app.db)?.status == .draft)
            // A long article (the API's limit is 512 KiB of HTML) saves through the form too.
            let long = "<p>" + String(repeating: "Lorem ipsum dolor sit amet. ", count: 9_000) + "</p>"
            let big = try await browser.post("/agent/kb/articles/\(articleID)", [("csrf_token", csrf), ("title", "Acme pricing"),
                                                                                 ("description", long), ("action", "draft")])
            #expect(big.status == .seeOther)
            #expect(try await ArticleRevisionService.draft(of: articleID, language: "en", on: app.db)?.description.count == long.count)
            let tooBig = try await browser.post("/agent/kb/articles/\(articleID)", [("csrf_token", csrf), ("title", "T"),
                                                                                    ("description", String(repeating: "x", count: 2_000_000))])
            // Over real HTTP the form body stops at 1 MiB (413); the in-memory tester hands the body over whole, so the
            // article's own limit answers. Either way a clear page, never a 500.
            #expect(tooBig.status == .payloadTooLarge || (tooBig.status == .unprocessableEntity && tooBig.body.string.contains("at most 512 KiB")))
            #expect(try await browser.get("/agent/no-such-page").status == .notFound)
            #expect(try await browser.get("/agent/no-such-page").headers.contentType == .html)
            #expect(try await browser.get("/agent/kb/articles/999999999").status == .notFound)
            #expect(try await browser.get("/agent/kb/articles/abc").status == .notFound)
        }
    }

    @Test("Admins only: agents, widgets and security; the feedback page shows who voted what")
    func adminsAndFeedback() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let admin = try await app.agentBrowser(account)
            let csrf = try await admin.csrf(from: "/agent/agents")
            let email = "agent-\(UUID().uuidString.prefix(6).lowercased())@test.example"
            let short = try await admin.post("/agent/agents", [("csrf_token", csrf), ("name", "Sam"), ("email", email), ("password", "short"), ("role", "agent")])
            #expect(short.status == .unprocessableEntity)
            let added = try await admin.post("/agent/agents", [("csrf_token", csrf), ("name", "Sam"), ("email", email), ("password", "long enough"), ("role", "agent")])
            #expect(added.status == .seeOther)
            let agent = PortalBrowser(app)
            try await agent.signIn(email: email, password: "long enough")
            #expect(try await agent.get("/agent/agents").status == .forbidden)
            #expect(try await agent.get("/agent/security/widget").status == .forbidden)
            #expect(try await agent.get("/agent/widgets").status == .forbidden)
            #expect(try await agent.get("/agent/kb").status == .ok)

            // The agent's own API key works on the JSON API, and stops working once revoked.
            let keyCSRF = try await agent.csrf(from: "/agent/api-key")
            let keyPage = try await agent.post("/agent/api-key", [("csrf_token", keyCSRF), ("name", "Script")])
            let html = keyPage.body.string
            let start = try #require(html.range(of: "<code id=\"new-api-key\">"))
            let key = String(html[start.upperBound...].prefix { $0 != "<" })
            let api = try await app.testing().sendRequest(.GET, "api/v2/solutions/categories", headers: ["Authorization": "Bearer \(key)"])
            #expect(api.status == .ok)
            let stored = try #require(try await APIKey.query(on: app.db).filter(\.$keyDigest == APIKeyDigest.of(key)).first())
            #expect(try await agent.post("/agent/api-key/\(try stored.requireID())/revoke", [("csrf_token", keyCSRF)]).status == .seeOther)
            let revoked = try await app.testing().sendRequest(.GET, "api/v2/solutions/categories", headers: ["Authorization": "Bearer \(key)"])
            #expect(revoked.status == .unauthorized)

            // Votes by name and anonymous ones.
            let category = SolutionCategory(accountID: account.accountID, name: "C", description: "", position: 1)
            try await category.create(on: app.db)
            let folder = SolutionFolder(accountID: account.accountID, categoryID: try category.requireID(), name: "F", description: "", visibility: .allUsers, position: 1)
            try await folder.create(on: app.db)
            var errors = FieldErrors()
            let fields = ArticleStore.fields(ArticleInput(title: "Unclear article", description: "<p>Hmm</p>", status: 2, tags: nil, folder_id: nil, language: nil), required: true, errors: &errors)
            let (article, _) = try await ArticleStore.create(accountID: account.accountID, folderID: try folder.requireID(), language: "en", fields: fields, on: app.db)
            let session = try await app.signIn(account, name: "Vera Voter", email: "vera@voters.example")
            let vote = try await app.testing().sendRequest(.POST, "widget/v1/widgets/\(account.widgetID)/articles/\(try article.requireID())/feedback",
                                                           headers: ["Authorization": "Bearer \(session.session_token)", "Content-Type": "application/json"],
                                                           body: ByteBuffer(string: #"{"helpful": false}"#))
            #expect(vote.status == .noContent)
            try await VoteService.vote(articleID: try article.requireID(), accountID: account.accountID, contactID: nil, helpful: true, on: app.db)
            let feedback = try await agent.get("/agent/kb/articles/\(try article.requireID())/feedback")
            #expect(feedback.body.string.contains("Vera Voter"))
            #expect(feedback.body.string.contains("vera@voters.example"))
            #expect(feedback.body.string.contains("Anonymous"))
            #expect(feedback.body.string.contains("Not helpful"))
            let report = try await agent.get("/agent/feedback")
            #expect(report.body.string.contains("Unclear article"))
        }
    }

    @Test("Widget settings save through the form; the secret reset asks for confirmation and signs every customer out")
    func widgetsAndSecret() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let admin = try await app.agentBrowser(account)
            let page = try await admin.get("/agent/widgets/\(account.widgetID)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("window.lanternSettings = { widgetId: &quot;\(account.widgetID)&quot; };"))
            #expect(page.body.string.contains("/widget/v1/loader.js&quot; async defer&gt;&lt;/script&gt;"))
            let csrf = try #require(PortalBrowser.csrf(in: page.body.string))
            let bad = try await admin.post("/agent/widgets/\(account.widgetID)", [("csrf_token", csrf), ("name", "W"), ("allowed_origins", "not a url")])
            #expect(bad.status == .unprocessableEntity)
            let saved = try await admin.post("/agent/widgets/\(account.widgetID)", [("csrf_token", csrf), ("name", "Help"), ("contact_form_enabled", "1"),
                                                                                    ("contact_form_logged_in_only", "1"), ("default_language", "fr"),
                                                                                    ("allowed_origins", "https://www.acme.example\nhttp://localhost:*")])
            #expect(saved.status == .seeOther)
            let widget = try #require(try await Widget.find(account.widgetID, on: app.db))
            #expect(widget.contactFormLoggedInOnly && widget.contactFormEnabled)
            #expect(widget.defaultLanguage == "fr")
            #expect(widget.allowedOrigins == ["https://www.acme.example", "http://localhost:*"])

            let security = try await admin.get("/agent/security/widget")
            #expect(security.body.string.contains("<details"))
            #expect(security.body.string.contains(account.sharedSecret))
            let confirm = try await admin.get("/agent/security/widget/reset")
            #expect(confirm.body.string.contains("Every signed-in customer will be signed out"))

            let session = try await app.signIn(account)
            app.lantern.supportWidgetID = account.widgetID
            let customer = PortalBrowser(app)
            let token = TokenMinter.mint(name: "Alice", email: "alice@acme.example", secret: account.sharedSecret)
            #expect(try await customer.get("/support/login/jwt?token=\(token)").status == .seeOther)
            #expect(try await customer.get("/support/profile").status == .ok)

            let reset = try await admin.post("/agent/security/widget/reset", [("csrf_token", csrf), ("confirm", "yes")])
            #expect(reset.status == .seeOther)
            let after = try #require(try await Account.find(account.accountID, on: app.db))
            #expect(after.sharedSecret != account.sharedSecret)
            let who = try await app.withSession(.GET, "widget/v1/session", session: session.session_token)
            #expect(who.status == .unauthorized)
            #expect(try await customer.get("/support/profile").status == .unauthorized)
        }
    }

    @Test("Contacts and companies: search, edit language, memberships and domains")
    func people() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let acme = Company(accountID: account.accountID, name: "Acme", domains: [])
            try await acme.create(on: app.db)
            let contact = Contact(accountID: account.accountID, name: "Dana Doe", email: "dana@acme.example")
            try await contact.create(on: app.db)
            let browser = try await app.agentBrowser(account)
            let list = try await browser.get("/agent/contacts?q=DANA")
            #expect(list.body.string.contains("Dana Doe"))
            #expect(try await browser.get("/agent/contacts?q=%25").status == .ok)
            let csrf = try await browser.csrf(from: "/agent/contacts/\(try contact.requireID())")
            let saved = try await browser.post("/agent/contacts/\(try contact.requireID())", [("csrf_token", csrf), ("name", "Dana Doe"), ("email", "dana@acme.example"),
                                                                                              ("language", "fr"), ("company_ids", String(try acme.requireID()))])
            #expect(saved.status == .seeOther)
            #expect(try await Contact.find(contact.id, on: app.db)?.language == "fr")
            #expect(try await CompanyMembership.query(on: app.db).filter(\.$contactID == contact.requireID()).count() == 1)
            let bad = try await browser.post("/agent/contacts/\(try contact.requireID())", [("csrf_token", csrf), ("name", ""), ("email", "nope"), ("language", "klingon")])
            #expect(bad.status == .unprocessableEntity)

            let company = try await browser.post("/agent/companies/\(try acme.requireID())", [("csrf_token", csrf), ("name", "Acme Inc"), ("domains", "acme.example\nACME.org")])
            #expect(company.status == .seeOther)
            #expect(try await Company.find(acme.id, on: app.db)?.domains == ["acme.example", "acme.org"])
            let badDomain = try await browser.post("/agent/companies", [("csrf_token", csrf), ("name", "New"), ("domains", "not a domain")])
            #expect(badDomain.status == .unprocessableEntity)
            #expect(try await browser.get("/agent/companies?q=acme").body.string.contains("Acme Inc"))
        }
    }
}

@Suite("Customer portal")
struct CustomerPortalTests {
    struct ServedBody: Decodable {
        let language: String
        let title: String
    }

    /// An account with a public folder, a logged-in folder and a folder for Acme only.
    func seed(_ app: Application) async throws -> (AccountProvisioner.Result, acme: Int, public: Int, private: Int) {
        let account = try await makeAccount(app)
        app.lantern.supportWidgetID = account.widgetID
        let acme = Company(accountID: account.accountID, name: "Acme", domains: ["acme.example"])
        try await acme.create(on: app.db)
        let globex = Company(accountID: account.accountID, name: "Globex", domains: ["globex.example"])
        try await globex.create(on: app.db)
        let category = SolutionCategory(accountID: account.accountID, name: "Help", description: "", position: 1)
        try await category.create(on: app.db)
        var ids: [Int] = []
        for (name, visibility) in [("Public", FolderVisibility.allUsers), ("Acme corner", .selectedCompanies), ("Members", .loggedInUsers)] {
            let folder = SolutionFolder(accountID: account.accountID, categoryID: try category.requireID(), name: name, description: "",
                                        visibility: visibility, position: ids.count + 1)
            try await folder.create(on: app.db)
            if visibility == .selectedCompanies {
                try await FolderCompany(accountID: account.accountID, folderID: try folder.requireID(), companyID: try acme.requireID()).create(on: app.db)
            }
            var errors = FieldErrors()
            let fields = ArticleStore.fields(ArticleInput(title: "\(name) zebra article", description: "<p>About zebras in \(name).</p>", status: 2,
                                                          tags: nil, folder_id: nil, language: nil), required: true, errors: &errors)
            let (article, _) = try await ArticleStore.create(accountID: account.accountID, folderID: try folder.requireID(), language: "en", fields: fields, on: app.db)
            if name == "Public" {
                _ = try await ArticleStore.addTranslation(to: article, language: "fr", fields: ArticleStore.Fields(title: "Article zèbre public", description: "<p>Des zèbres.</p>"), on: app.db)
            }
            ids.append(try article.requireID())
        }
        return (account, try acme.requireID(), ids[0], ids[1])
    }

    func customer(_ app: Application, _ account: AccountProvisioner.Result, email: String) async throws -> PortalBrowser {
        let browser = PortalBrowser(app)
        let token = TokenMinter.mint(name: "Customer \(email)", email: email, secret: account.sharedSecret)
        let response = try await browser.get("/support/login/jwt?token=\(token)")
        #expect(response.status == .seeOther)
        return browser
    }

    @Test("Single sign-on: a valid token opens an HttpOnly session; a refused one is a 401 page that says why")
    func sso() async throws {
        try await withLantern { app in
            let (account, _, _, _) = try await seed(app)
            let browser = PortalBrowser(app)
            let token = TokenMinter.mint(name: "Alice <b>Martin</b>", email: "alice@acme.example", secret: account.sharedSecret)
            let response = try await browser.get("/support/login/jwt?token=\(token)&redirect_to=/support/profile")
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location) == "/support/profile")
            let cookie = try #require(browser.lastSetCookies.first { $0.hasPrefix("lantern_support=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/support"))
            let profile = try await browser.get("/support/profile")
            #expect(profile.status == .ok)
            #expect(profile.body.string.contains("Alice &lt;b&gt;Martin&lt;/b&gt;"))
            let offsite = try await browser.get("/support/login/jwt?token=\(token)&redirect_to=https://evil.example")
            #expect(offsite.headers.first(name: .location) == "/support/solutions")

            let expired = TokenMinter.mint(name: "A", email: "a@acme.example", secret: account.sharedSecret, lifetime: -600)
            let cases: [(String, String)] = [
                (expired, "token_expired"),
                (TokenMinter.mint(name: "A", email: "a@acme.example", secret: "wrong secret"), "invalid_signature"),
                (TokenMinter.mint(name: "A", email: "a@acme.example", secret: account.sharedSecret, lifetime: 5 * 3600), "expiry_too_far"),
                ("garbage", "malformed_token"),
                ("", "malformed_token"),
            ]
            for (bad, code) in cases {
                let stranger = PortalBrowser(app)
                let refused = try await stranger.get("/support/login/jwt?token=\(bad)")
                #expect(refused.status == .unauthorized, "\(code)")
                #expect(refused.headers.contentType == .html)
                #expect(refused.body.string.contains(code), "\(code)")
                #expect(stranger.cookies[PortalSessionService.customerCookie] == nil)
            }

            // (The second sign-in above opened a new session, with its own CSRF token.)
            let csrf = try await browser.csrf(from: "/support/profile")
            #expect(try await browser.post("/support/logout", []).status == .forbidden)
            #expect(try await browser.post("/support/logout", [("csrf_token", csrf)]).status == .seeOther)
            #expect(try await browser.get("/support/profile").status == .unauthorized)
        }
    }

    @Test("Browse and search follow the widget's visibility rules exactly")
    func visibility() async throws {
        try await withLantern { app in
            let (account, _, publicID, acmeID) = try await seed(app)
            let anonymous = PortalBrowser(app)
            let acme = try await customer(app, account, email: "ann@acme.example")
            let globex = try await customer(app, account, email: "gus@globex.example")

            let anonymousHome = try await anonymous.get("/support").body.string
            #expect(anonymousHome.contains("Public"))
            #expect(!anonymousHome.contains("Acme corner"))
            #expect(!anonymousHome.contains("Members"))
            #expect(try await anonymous.get("/support/solutions/articles/\(acmeID)").status == .notFound)
            #expect(try await anonymous.get("/support/solutions/articles/\(publicID)").status == .ok)

            let acmeHome = try await acme.get("/support/solutions").body.string
            #expect(acmeHome.contains("Acme corner") && acmeHome.contains("Members"))
            #expect(try await acme.get("/support/solutions/articles/\(acmeID)").status == .ok)
            let acmeSearch = try await acme.get("/support/search?term=zebra").body.string
            #expect(acmeSearch.contains("Acme corner zebra article"))

            let globexHome = try await globex.get("/support/solutions").body.string
            #expect(!globexHome.contains("Acme corner") && globexHome.contains("Members"))
            #expect(try await globex.get("/support/solutions/articles/\(acmeID)").status == .notFound)
            let globexSearch = try await globex.get("/support/search?term=zebra").body.string
            #expect(!globexSearch.contains("Acme corner zebra article"))
            #expect(globexSearch.contains("Members zebra article"))
            let anonymousSearch = try await anonymous.get("/support/search?term=zebra").body.string
            #expect(anonymousSearch.contains("Public zebra article") && !anonymousSearch.contains("Members zebra article"))
            // Matches are highlighted, not shown as escaped markup.
            #expect(anonymousSearch.contains("<mark>"))
            #expect(!anonymousSearch.contains("&lt;mark&gt;"))

            // The same as the widget answers for the same people.
            let widgetHits = try await app.testing().sendRequest(.GET, "widget/v1/widgets/\(account.widgetID)/articles?query=zebra")
            #expect(widgetHits.body.string.contains("Public zebra article") && !widgetHits.body.string.contains("Members zebra article"))
            #expect(try await anonymous.get("/support/solutions/folders/abc").status == .notFound)
            #expect(try await anonymous.get("/support/search?term=").status == .ok)
        }
    }

    @Test("The customer sets a preferred language in the profile; the portal and the widget then use it")
    func profileLanguage() async throws {
        try await withLantern { app in
            let (account, _, publicID, _) = try await seed(app)
            let browser = try await customer(app, account, email: "lea@acme.example")
            let session = try await app.signIn(account, name: "Customer lea@acme.example", email: "lea@acme.example")
            let before = try await app.withSession(.GET, "widget/v1/widgets/\(account.widgetID)/articles/\(publicID)", session: session.session_token)
            #expect(try before.json(ServedBody.self).language == "en")

            let csrf = try await browser.csrf(from: "/support/profile")
            #expect(try await browser.post("/support/profile", [("language", "fr")]).status == .forbidden)
            let bad = try await browser.post("/support/profile", [("csrf_token", csrf), ("language", "zz-top")])
            #expect(bad.status == .unprocessableEntity)
            let saved = try await browser.post("/support/profile", [("csrf_token", csrf), ("language", "fr")])
            #expect(saved.status == .seeOther)
            let contact = try #require(try await Contact.query(on: app.db).filter(\.$accountID == account.accountID).filter(\.$email == "lea@acme.example").first())
            #expect(contact.language == "fr")

            let after = try await app.withSession(.GET, "widget/v1/widgets/\(account.widgetID)/articles/\(publicID)", session: session.session_token)
            let body = try after.json(ServedBody.self)
            #expect(body.language == "fr")
            #expect(body.title == "Article zèbre public")
            let portal = try await browser.get("/support/solutions/articles/\(publicID)")
            #expect(portal.body.string.contains("Article zèbre public"))
            #expect(portal.body.string.contains("<html lang=\"fr\">"))

            // Votes from the portal count for the signed-in contact.
            let voteCSRF = try #require(PortalBrowser.csrf(in: portal.body.string))
            #expect(try await browser.post("/support/solutions/articles/\(publicID)/vote", [("csrf_token", voteCSRF), ("helpful", "yes")]).status == .seeOther)
            #expect(try await ArticleVote.query(on: app.db).filter(\.$articleID == publicID).first()?.contactID == contact.id)
        }
    }
}

@Suite("Agent portal tickets")
struct AgentPortalTicketTests {
    @Test("Tickets: filter by verified, widget and e-mail; the detail page lists attachments that download with safe headers")
    func tickets() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let verified = Ticket(accountID: account.accountID, widgetID: account.widgetID, contactID: nil, name: "Vic <i>Verified</i>",
                                  email: "vic@acme.example", subject: "Invoice <script>alert(1)</script>", description: "Line one\n<b>not bold</b>",
                                  verified: true, requesterIP: nil)
            try await verified.create(on: app.db)
            let anonymous = Ticket(accountID: account.accountID, widgetID: nil, contactID: nil, name: "Ann", email: "ann@else.example",
                                   subject: "Anonymous question", description: "Hi", verified: false, requesterIP: nil)
            try await anonymous.create(on: app.db)
            try await TicketAttachment(accountID: account.accountID, ticketID: try verified.requireID(), position: 0, filename: "screen shot.png",
                                       contentType: "image/png", sha256: "00", data: Data([0x89, 0x50, 0x4E, 0x47])).create(on: app.db)
            let browser = try await app.agentBrowser(account)

            let all = try await browser.get("/agent/tickets").body.string
            #expect(all.contains("Anonymous question") && all.contains("Invoice &lt;script&gt;"))
            #expect(!all.contains("<script>alert(1)"))
            let onlyVerified = try await browser.get("/agent/tickets?verified=yes").body.string
            #expect(onlyVerified.contains("Invoice") && !onlyVerified.contains("Anonymous question"))
            let onlyUnverified = try await browser.get("/agent/tickets?verified=no").body.string
            #expect(!onlyUnverified.contains("Invoice") && onlyUnverified.contains("Anonymous question"))
            let byWidget = try await browser.get("/agent/tickets?widget=\(account.widgetID)").body.string
            #expect(byWidget.contains("Invoice") && !byWidget.contains("Anonymous question"))
            let byEmail = try await browser.get("/agent/tickets?email=ANN%40else.example").body.string
            #expect(!byEmail.contains("Invoice") && byEmail.contains("Anonymous question"))
            #expect(try await browser.get("/agent/tickets?widget=abc&verified=maybe&page=-4").status == .ok)

            let detail = try await browser.get("/agent/tickets/\(try verified.requireID())")
            #expect(detail.status == .ok)
            #expect(detail.body.string.contains("&lt;b&gt;not bold&lt;/b&gt;"))
            #expect(detail.body.string.contains("href=\"/agent/tickets/\(try verified.requireID())/attachments/0\">screen shot.png</a>"))
            let file = try await browser.get("/agent/tickets/\(try verified.requireID())/attachments/0")
            #expect(file.status == .ok)
            #expect(file.headers.first(name: .contentDisposition)?.hasPrefix("attachment;") == true)
            #expect(file.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(Array(file.body.readableBytesView) == [0x89, 0x50, 0x4E, 0x47])
            #expect(try await browser.get("/agent/tickets/\(try verified.requireID())/attachments/7").status == .notFound)

            // Another account's ticket does not exist for this agent.
            let other = try await makeAccount(app)
            let foreign = Ticket(accountID: other.accountID, widgetID: nil, contactID: nil, name: "X", email: "x@x.example",
                                 subject: "Foreign", description: "x", verified: false, requesterIP: nil)
            try await foreign.create(on: app.db)
            #expect(try await browser.get("/agent/tickets/\(try foreign.requireID())").status == .notFound)
            // Without a session: to the sign-in page.
            #expect(try await app.testing().sendRequest(.GET, "/agent/tickets/\(try verified.requireID())/attachments/0").status == .seeOther)
        }
    }
}
