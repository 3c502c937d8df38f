import Fluent
import Foundation
import LanternCore
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// The agent portal's article pages with drafts: two agents' conflicting saves, the history, comparing and
/// restoring, discarding a draft, the schedule, and the editor's file upload.
@Suite("Article editor pages")
struct ArticleEditorPortalTests {
    static func field(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"([^\"]*)\"", options: .regularExpression) else { return nil }
        return html[range].split(separator: "\"").dropFirst(3).first.map(String.init) ?? ""
    }

    static func folder(_ app: Application, _ account: AccountProvisioner.Result) async throws -> SolutionFolder {
        let category = SolutionCategory(accountID: account.accountID, name: "Help", description: "", position: 1)
        try await category.create(on: app.db)
        let folder = SolutionFolder(accountID: account.accountID, categoryID: try category.requireID(), name: "Guides", description: "",
                                    visibility: .allUsers, position: 1)
        try await folder.create(on: app.db)
        return folder
    }

    @Test("A save overtaken by another agent's is 409 with both versions; saving again overwrites; history, compare, restore, discard")
    func conflictHistoryRestore() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let folder = try await Self.folder(app, account)
            let (article, _) = try await ArticleStore.create(accountID: account.accountID, folderID: try folder.requireID(), language: "en",
                                                             fields: .init(title: "Refunds", description: "<p>Original text.</p>", status: .published),
                                                             on: app.db)
            let articleID = try article.requireID()
            let ana = try await app.agentBrowser(account)
            let bea = PortalBrowser(app)
            let beaEmail = "bea-\(UUID().uuidString.prefix(8).lowercased())@second.example"  // the PostgreSQL database is shared
            try await Agent(accountID: account.accountID, name: "Bea Second", email: beaEmail,
                            passwordHash: try Bcrypt.hash("correct horse", cost: 4), role: .agent).create(on: app.db)
            try await bea.signIn(email: beaEmail)

            let anaPage = try await ana.get("/agent/kb/articles/\(articleID)").body.string
            let beaPage = try await bea.get("/agent/kb/articles/\(articleID)").body.string
            let base = try #require(Self.field("base_revision", in: beaPage))
            #expect(base == "1")
            func save(_ browser: PortalBrowser, _ page: String, _ text: String, base: String, action: String = "draft") async throws -> TestingHTTPResponse {
                try await browser.post("/agent/kb/articles/\(articleID)", [
                    ("csrf_token", try #require(PortalBrowser.csrf(in: page))), ("title", "Refunds"), ("description", text),
                    ("tags", ""), ("base_revision", base), ("action", action)])
            }
            #expect(try await save(ana, anaPage, "<p>Ana's text.</p>", base: base).status == .seeOther)
            let refused = try await save(bea, beaPage, "<p>Bea's text.</p>", base: base)
            #expect(refused.status == .conflict)
            let conflictPage = refused.body.string
            #expect(conflictPage.contains("Someone else saved this article"))
            let adminName = try #require(try await Agent.query(on: app.db).filter(\.$email == account.adminEmail).first()?.name)
            #expect(conflictPage.contains("<p>\(adminName) saved this article (en) at "))
            #expect(conflictPage.contains("<summary>Their version: Refunds</summary><div class=\"article-body\"><p>Ana&#39;s text.</p></div>"))
            #expect(conflictPage.contains("&lt;p&gt;Bea&#39;s text.&lt;/p&gt;</textarea>"))
            let newBase = try #require(Self.field("base_revision", in: conflictPage))
            #expect(newBase == "2")
            #expect(try await ArticleRevisionService.draft(of: articleID, language: "en", on: app.db)?.description == "<p>Ana&#39;s text.</p>")
            // Overwrite: the same text again, now based on Ana's revision.
            #expect(try await save(bea, conflictPage, "<p>Bea's text.</p>", base: newBase).status == .seeOther)
            #expect(try await ArticleRevisionService.draft(of: articleID, language: "en", on: app.db)?.description == "<p>Bea&#39;s text.</p>")
            // Visitors still read the published text.
            #expect(try await ArticleStore.translation(of: article, in: "en", on: app.db)?.description == "<p>Original text.</p>")

            let history = try await ana.get("/agent/kb/articles/\(articleID)/history")
            #expect(history.status == .ok)
            #expect(history.body.string.contains("<td>Bea Second</td>"))
            #expect(history.body.string.contains("action=\"/agent/kb/articles/\(articleID)/revisions/1/restore\""))
            let compare = try await ana.get("/agent/kb/articles/\(articleID)/compare?from=1&to=3")
            #expect(compare.status == .ok)
            #expect(compare.body.string.contains("<p>Original text.</p>") && compare.body.string.contains("diff-changed"))
            #expect(try await ana.get("/agent/kb/articles/\(articleID)/compare?from=1&to=99").status == .notFound)

            let csrf = try #require(PortalBrowser.csrf(in: history.body.string))
            let restored = try await ana.post("/agent/kb/articles/\(articleID)/revisions/1/restore", [("csrf_token", csrf)])
            #expect(restored.status == .seeOther)
            #expect(restored.headers.first(name: .location) == "/agent/kb/articles/\(articleID)?done=restored")
            #expect(try await ArticleRevisionService.draft(of: articleID, language: "en", on: app.db)?.description == "<p>Original text.</p>")
            #expect(try await ana.post("/agent/kb/articles/\(articleID)/revisions/77/restore", [("csrf_token", csrf)]).status == .notFound)
            let discarded = try await ana.post("/agent/kb/articles/\(articleID)/draft/discard", [("csrf_token", csrf), ("language", "en")])
            #expect(discarded.status == .seeOther)
            #expect(try await ArticleRevisionService.draft(of: articleID, language: "en", on: app.db) == nil)
            // Another account's agent sees none of it.
            let stranger = try await app.agentBrowser(try await makeAccount(app, name: "Other"))
            #expect(try await stranger.get("/agent/kb/articles/\(articleID)/history").status == .notFound)
        }
    }

    @Test("The schedule is set from the form (UTC), the page sets the file cookie, and the editor uploads with its CSRF header")
    func scheduleAndUpload() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let folder = try await Self.folder(app, account)
            let (article, _) = try await ArticleStore.create(accountID: account.accountID, folderID: try folder.requireID(), language: "en",
                                                             fields: .init(title: "Winter", description: "<p>Soon.</p>", status: .draft), on: app.db)
            let articleID = try article.requireID()
            let ana = try await app.agentBrowser(account)
            let page = try await ana.get("/agent/kb/articles/\(articleID)")
            #expect(page.headers[.setCookie].contains { $0.hasPrefix("\(ArticleFileController.agentCookie)=") && $0.contains("Path=/widget/v1/article-files") })
            #expect(page.body.string.contains("data-editor-upload=\"/agent/kb/articles/\(articleID)/attachments\""))
            let csrf = try #require(PortalBrowser.csrf(in: page.body.string))
            let saved = try await ana.post("/agent/kb/articles/\(articleID)", [
                ("csrf_token", csrf), ("title", "Winter"), ("description", "<p>Soon.</p>"), ("tags", ""),
                ("publish_at", "2030-01-31T09:00"), ("unpublish_at", ""), ("action", "save")])
            #expect(saved.status == .seeOther)
            let stored = try #require(try await Article.find(articleID, on: app.db))
            #expect(stored.publishAt == ISO8601Time.parse("2030-01-31T09:00:00Z"))
            #expect(stored.unpublishAt == nil)
            #expect(try await ana.get("/agent/kb/articles/\(articleID)").body.string.contains("value=\"2030-01-31T09:00\""))
            let wrong = try await ana.post("/agent/kb/articles/\(articleID)", [
                ("csrf_token", csrf), ("title", "Winter"), ("description", "<p>Soon.</p>"), ("publish_at", "next week"), ("action", "save")])
            #expect(wrong.status == .unprocessableEntity)

            var form = MultipartBody()
            form.file(filename: "diagram.png", contentType: "image/png", bytes: samplePNG(2_000))
            var headers: HTTPHeaders = ["Content-Type": form.contentType,
                                        "Cookie": "\(PortalSessionService.agentCookie)=\(try #require(ana.cookies[PortalSessionService.agentCookie]))"]
            let forged = try await app.testing().sendRequest(.POST, "agent/kb/articles/\(articleID)/attachments", headers: headers,
                                                             body: ByteBuffer(data: form.finished))
            #expect(forged.status == .forbidden)
            #expect(forged.error?.code == "forbidden")
            headers.add(name: "X-CSRF-Token", value: csrf)
            let uploaded = try await app.testing().sendRequest(.POST, "agent/kb/articles/\(articleID)/attachments", headers: headers,
                                                               body: ByteBuffer(data: form.finished))
            #expect(uploaded.status == .created)
            #expect(try uploaded.json([String: JSONValueForTests].self)["content_type"] == .string("image/png"))
            let anonymous = try await app.testing().sendRequest(.POST, "agent/kb/articles/\(articleID)/attachments",
                                                                headers: ["Content-Type": form.contentType], body: ByteBuffer(data: form.finished))
            #expect(anonymous.status == .unauthorized)
        }
    }
}

/// A JSON value as a test reads it.
enum JSONValueForTests: Decodable, Equatable {
    case string(String), number(Double), other

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) { self = .string(text) }
        else if let number = try? container.decode(Double.self) { self = .number(number) }
        else { self = .other }
    }
}
