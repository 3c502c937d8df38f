import Fluent
import Foundation
import LanternCore
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// Drafts of live articles, their history, edit conflicts and scheduled publishing, through the JSON API, as the
/// widget sees them.
@Suite("Article drafts, revisions and scheduling")
struct ArticleRevisionTests {
    /// An account with a public folder and a published article in it; a second agent with their own API key.
    struct Fixture {
        let account: AccountProvisioner.Result
        let api: APIClient
        let other: APIClient
        let otherName: String
        let folderID: Int
        let articleID: Int
    }

    static func fixture(_ app: Application) async throws -> Fixture {
        let account = try await makeAccount(app)
        let api = APIClient(app: app, key: account.apiKey)
        let category = try #require(try api.object(try await api.send(.POST, "solutions/categories", ["name": "Help"]))["id"] as? Int)
        let folder = try #require(try api.object(try await api.send(.POST, "solutions/categories/\(category)/folders", ["name": "Open"]))["id"] as? Int)
        let article = try #require(try api.object(try await api.send(.POST, "solutions/folders/\(folder)/articles",
                                                                      ["title": "Resetting a password", "description": "<p>Old steps.</p>", "status": 2]))["id"] as? Int)
        let bea = Agent(accountID: account.accountID, name: "Bea Other", email: "bea-\(UUID().uuidString.prefix(6))@test.example",
                        passwordHash: "x", role: .agent)
        try await bea.create(on: app.db)
        let key = try await APIKeyService.create(name: "Bea's key", accountID: account.accountID, agentID: try bea.requireID(), on: app.db)
        return Fixture(account: account, api: api, other: APIClient(app: app, key: key), otherName: bea.name, folderID: folder, articleID: article)
    }

    /// The widget's reading of the article: its description, or nil when the widget may not show it.
    static func widgetBody(_ app: Application, _ fixture: Fixture) async throws -> String? {
        let response = try await app.testing().sendRequest(.GET, "widget/v1/widgets/\(fixture.account.widgetID)/articles/\(fixture.articleID)")
        guard response.status == .ok else { return nil }
        return try fixture.api.object(response)["description"] as? String
    }

    static func widgetSearch(_ app: Application, _ fixture: Fixture, _ term: String) async throws -> [Int] {
        let response = try await app.testing().sendRequest(.GET, "widget/v1/widgets/\(fixture.account.widgetID)/articles?query=\(term)")
        return (try fixture.api.object(response)["articles"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
    }

    @Test("A draft waits while visitors keep the published text; publish makes it live; revisions record both; restore and discard")
    func draftPublishRestore() async throws {
        try await withLantern { app in
            let f = try await Self.fixture(app)
            let api = f.api
            let shown = try api.object(try await api.send(.GET, "solutions/articles/\(f.articleID)"))
            #expect(shown["draft"] is NSNull)
            #expect(shown["revision"] as? Int == 1)
            #expect(shown["publish_at"] is NSNull && shown["unpublish_at"] is NSNull)

            let saved = try await api.send(.PUT, "solutions/articles/\(f.articleID)/draft",
                                           ["description": "<p>New <b>steps</b>.</p><script>x()</script>", "base_revision": 1])
            #expect(saved.status == .ok)
            let body = try api.object(saved)
            #expect(body["description"] as? String == "<p>Old steps.</p>")
            let draft = try #require(body["draft"] as? [String: Any])
            #expect(draft["title"] as? String == "Resetting a password")
            #expect(draft["description"] as? String == "<p>New <b>steps</b>.</p>")
            #expect(draft["agent_id"] is Int)
            #expect(draft["updated_at"] is String)
            #expect(body["revision"] as? Int == 2)
            #expect(try await Self.widgetBody(app, f) == "<p>Old steps.</p>")
            #expect(try await Self.widgetSearch(app, f, "steps") == [f.articleID])

            let published = try await api.send(.POST, "solutions/articles/\(f.articleID)/publish", ["base_revision": 2])
            #expect(published.status == .ok)
            #expect(try api.object(published)["description"] as? String == "<p>New <b>steps</b>.</p>")
            #expect(try api.object(published)["draft"] is NSNull)
            #expect(try await Self.widgetBody(app, f) == "<p>New <b>steps</b>.</p>")

            let history = try api.array(try await api.send(.GET, "solutions/articles/\(f.articleID)/revisions"))
            #expect(history.map { $0["number"] as? Int } == [1, 2, 3])
            #expect(history.map { $0["kind"] as? String } == ["published", "draft", "published"])
            #expect(history.allSatisfy { $0["language"] as? String == "en" && $0["created_at"] is String && Set($0.keys) == ["number", "kind", "language", "agent_id", "created_at"] })
            let first = try api.object(try await api.send(.GET, "solutions/articles/\(f.articleID)/revisions/1"))
            #expect(first["description"] as? String == "<p>Old steps.</p>")
            #expect(first["title"] as? String == "Resetting a password")
            #expect(try await api.send(.GET, "solutions/articles/\(f.articleID)/revisions/99").error?.code == "revision_not_found")

            // Restoring revision 1 makes it the draft; the widget keeps the live text until it is published.
            let restored = try api.object(try await api.send(.POST, "solutions/articles/\(f.articleID)/revisions/1/restore"))
            #expect((restored["draft"] as? [String: Any])?["description"] as? String == "<p>Old steps.</p>")
            #expect(restored["revision"] as? Int == 4)
            #expect(try await Self.widgetBody(app, f) == "<p>New <b>steps</b>.</p>")
            #expect(try await api.send(.DELETE, "solutions/articles/\(f.articleID)/draft").status == .noContent)
            #expect(try await api.send(.DELETE, "solutions/articles/\(f.articleID)/draft").error?.code == "draft_not_found")
            #expect(try api.object(try await api.send(.GET, "solutions/articles/\(f.articleID)"))["draft"] is NSNull)

            // A direct change keeps its meaning, and is a published revision.
            let direct = try await api.send(.PUT, "solutions/articles/\(f.articleID)", ["title": "Reset your password"])
            #expect(try api.object(direct)["title"] as? String == "Reset your password")
            #expect(try api.array(try await api.send(.GET, "solutions/articles/\(f.articleID)/revisions")).last?["kind"] as? String == "published")
        }
    }

    @Test("Drafts per translation: a new language's first draft needs both fields; publishing it creates the translation")
    func translationDrafts() async throws {
        try await withLantern { app in
            let f = try await Self.fixture(app)
            let api = f.api
            let half = try await api.send(.PUT, "solutions/articles/\(f.articleID)/draft", ["language": "fr", "title": "Mot de passe"])
            #expect(half.status == .unprocessableEntity)
            #expect(half.error?.fields?["description"] != nil)
            #expect(try await api.send(.PUT, "solutions/articles/\(f.articleID)/draft", ["language": "xx-bad", "title": "x"]).status == .unprocessableEntity)
            #expect(try await api.send(.PUT, "solutions/articles/\(f.articleID)/draft", ["status": 1]).error?.fields?["status"] != nil)
            let french = try await api.send(.PUT, "solutions/articles/\(f.articleID)/draft",
                                            ["language": "fr", "title": "Mot de passe", "description": "<p>Étapes.</p>"])
            #expect(french.status == .ok)
            #expect(try api.object(french)["language"] as? String == "en")  // no French version yet: the primary one
            #expect(try await api.send(.GET, "solutions/articles/\(f.articleID)/fr").status == .notFound)
            #expect(try await api.send(.DELETE, "solutions/articles/\(f.articleID)/draft").error?.code == "draft_not_found")
            let live = try await api.send(.POST, "solutions/articles/\(f.articleID)/publish", ["language": "fr"])
            #expect(try api.object(live)["language"] as? String == "fr")
            #expect(try api.object(live)["title"] as? String == "Mot de passe")
            #expect(try api.object(live)["languages"] as? [String] == ["en", "fr"])
            let revisions = try api.array(try await api.send(.GET, "solutions/articles/\(f.articleID)/revisions?language=fr"))
            #expect(revisions.map { $0["kind"] as? String } == ["draft", "published"])
        }
    }

    @Test("A save based on an old revision after someone else saved is 409 edit_conflict naming them; one's own saves are not")
    func conflicts() async throws {
        try await withLantern { app in
            let f = try await Self.fixture(app)
            // Both start from revision 1. Bea saves first.
            #expect(try await f.other.send(.PUT, "solutions/articles/\(f.articleID)/draft", ["description": "<p>Bea's text.</p>", "base_revision": 1]).status == .ok)
            let refused = try await f.api.send(.PUT, "solutions/articles/\(f.articleID)/draft", ["description": "<p>Admin's text.</p>", "base_revision": 1])
            #expect(refused.status == .conflict)
            #expect(refused.error?.code == "edit_conflict")
            #expect(refused.error?.message.contains(f.otherName) == true)
            #expect(refused.error?.message.contains("revision 2") == true)
            let year = String(Calendar(identifier: .gregorian).component(.year, from: Date()))
            #expect(refused.error?.message.contains(year) == true)
            // Nothing was overwritten.
            let draft = try f.api.object(try await f.api.send(.GET, "solutions/articles/\(f.articleID)"))["draft"] as? [String: Any]
            #expect(draft?["description"] as? String == "<p>Bea&#39;s text.</p>")
            // The same conflict on a direct change and on publishing.
            #expect(try await f.api.send(.PUT, "solutions/articles/\(f.articleID)", ["title": "Mine", "base_revision": 1]).error?.code == "edit_conflict")
            #expect(try await f.api.send(.POST, "solutions/articles/\(f.articleID)/publish", ["base_revision": 1]).error?.code == "edit_conflict")
            // Bea saving again from her own older revision is no conflict; overwriting from the latest revision is allowed.
            #expect(try await f.other.send(.PUT, "solutions/articles/\(f.articleID)/draft", ["title": "Bea's title", "base_revision": 1]).status == .ok)
            let overwrite = try await f.api.send(.PUT, "solutions/articles/\(f.articleID)/draft", ["description": "<p>Admin's text.</p>", "base_revision": 3])
            #expect(overwrite.status == .ok)
            #expect(try await f.api.send(.PUT, "solutions/articles/\(f.articleID)/draft", ["title": "x", "base_revision": 99]).error?.fields?["base_revision"] != nil)
            // Without base_revision, no check (as before).
            #expect(try await f.other.send(.PUT, "solutions/articles/\(f.articleID)", ["title": "Anyway"]).status == .ok)
        }
    }

    @Test("Concurrent saves of one article are numbered one after the other, never the same number twice")
    func concurrentSaves() async throws {
        try await withLantern { app in
            let f = try await Self.fixture(app)
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for index in 0..<8 {
                    let client = index.isMultiple(of: 2) ? f.api : f.other
                    group.addTask { try await client.send(.PUT, "solutions/articles/\(f.articleID)/draft", ["title": "Title \(index)"]).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .ok })
            let numbers = try f.api.array(try await f.api.send(.GET, "solutions/articles/\(f.articleID)/revisions")).compactMap { $0["number"] as? Int }
            #expect(numbers == Array(1...9))
        }
    }

    @Test("publish_at publishes the waiting draft and unpublish_at takes the article off line, each applied once; search follows")
    func scheduling() async throws {
        try await withLantern { app in
            let f = try await Self.fixture(app)
            let api = f.api
            let bad = try await api.send(.PUT, "solutions/articles/\(f.articleID)", ["publish_at": "tomorrow", "unpublish_at": 5])
            #expect(bad.status == .unprocessableEntity)
            let order = try await api.send(.PUT, "solutions/articles/\(f.articleID)", ["publish_at": "2030-01-02T00:00:00Z", "unpublish_at": "2030-01-01T00:00:00Z"])
            #expect(order.error?.fields?["unpublish_at"] != nil)
            #expect(try await api.send(.PUT, "solutions/articles/\(f.articleID)/fr", ["publish_at": "2030-01-02T00:00:00Z"]).status == .unprocessableEntity)

            let publishAt = Date().addingTimeInterval(3_600)
            let unpublishAt = publishAt.addingTimeInterval(3_600)
            _ = try await api.send(.PUT, "solutions/articles/\(f.articleID)/draft", ["description": "<p>Platypus season.</p>"])
            let scheduled = try api.object(try await api.send(.PUT, "solutions/articles/\(f.articleID)", [
                "publish_at": publishAt.formatted(.iso8601), "unpublish_at": unpublishAt.formatted(.iso8601)]))
            #expect(scheduled["publish_at"] as? String == publishAt.formatted(.iso8601))
            #expect(scheduled["unpublish_at"] as? String == unpublishAt.formatted(.iso8601))
            #expect(try await Self.widgetSearch(app, f, "platypus").isEmpty)

            #expect(try await ArticleScheduler.applyDue(now: publishAt.addingTimeInterval(-1), accountID: f.account.accountID, on: app.db) == 0)
            #expect(try await ArticleScheduler.applyDue(now: publishAt, accountID: f.account.accountID, on: app.db) == 1)
            #expect(try await ArticleScheduler.applyDue(now: publishAt, accountID: f.account.accountID, on: app.db) == 0)  // applied once
            #expect(try await Self.widgetBody(app, f) == "<p>Platypus season.</p>")
            #expect(try await Self.widgetSearch(app, f, "platypus") == [f.articleID])
            let after = try api.object(try await api.send(.GET, "solutions/articles/\(f.articleID)"))
            #expect(after["publish_at"] is NSNull)
            #expect(after["draft"] is NSNull)
            #expect(try api.array(try await api.send(.GET, "solutions/articles/\(f.articleID)/revisions")).last?["kind"] as? String == "published")

            #expect(try await ArticleScheduler.applyDue(now: unpublishAt, accountID: f.account.accountID, on: app.db) == 1)
            #expect(try await Self.widgetBody(app, f) == nil)
            #expect(try await Self.widgetSearch(app, f, "platypus").isEmpty)
            let off = try api.object(try await api.send(.GET, "solutions/articles/\(f.articleID)"))
            #expect(off["status"] as? Int == 1)
            #expect(off["unpublish_at"] is NSNull)

            // An unpublished article scheduled without a draft goes live as it is; null clears a schedule.
            _ = try await api.send(.PUT, "solutions/articles/\(f.articleID)", ["publish_at": "2031-01-01T00:00:00Z"])
            #expect(try api.object(try await api.send(.PUT, "solutions/articles/\(f.articleID)", ["publish_at": NSNull()]))["publish_at"] is NSNull)
            _ = try await api.send(.PUT, "solutions/articles/\(f.articleID)", ["publish_at": Date().addingTimeInterval(-5).formatted(.iso8601)])
            _ = try await ArticleScheduler.applyDue(accountID: f.account.accountID, on: app.db)  // (or a server process's scheduler first)
            #expect(try await Self.widgetBody(app, f) == "<p>Platypus season.</p>")
        }
    }
}
