import Fluent
import Foundation
import LanternCore
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// Issue 17: articles' `hits`, views counted from the widget and `/support`, one per visitor and article per day.
@Suite("Article hits")
struct ArticleHitsTests {
    static func hits(_ app: Application, _ kb: SampleKnowledgeBase, article: Int) async throws -> Int? {
        let api = APIClient(app: app, key: kb.account.apiKey)
        return try api.object(try await api.send(.GET, "solutions/articles/\(article)"))["hits"] as? Int
    }

    static func read(_ app: Application, widget: Int, article: Int, visitor: String? = nil, address: String = "203.0.113.7",
                     session: String? = nil) async throws -> TestingHTTPResponse {
        var headers: HTTPHeaders = ["X-Forwarded-For": address]
        if let session { headers.add(name: .authorization, value: "Bearer \(session)") }
        let query = visitor.map { "?visitor_id=\($0)" } ?? ""
        return try await app.testing().sendRequest(.GET, "widget/v1/widgets/\(widget)/articles/\(article)\(query)", headers: headers)
    }

    @Test("A view this process counted today costs no database write again; another visitor's still counts")
    func processMemory() async throws {
        try await withLantern { app in
            app.lantern.behindProxy = true
            let kb = try await SampleKnowledgeBase.make(app)
            let widget = kb.account.widgetID, article = kb.publicArticle, visitor = VoteLimitTests.visitorID()
            _ = try await Self.read(app, widget: widget, article: article, visitor: visitor)
            #expect(try await Self.hits(app, kb, article: article) == 1)
            // With the database's record of the view gone, only the process's memory keeps it from a second count.
            try await app.db.sql.raw("DELETE FROM \(ident: ArticleView.schema) WHERE article_id = \(bind: article)").run()
            _ = try await Self.read(app, widget: widget, article: article, visitor: visitor)
            #expect(try await Self.hits(app, kb, article: article) == 1)
            _ = try await Self.read(app, widget: widget, article: article, visitor: VoteLimitTests.visitorID())
            #expect(try await Self.hits(app, kb, article: article) == 2)
        }
    }

    @Test("CountedViews forgets yesterday's views, and everything when full")
    func countedViews() {
        let views = CountedViews(capacity: 2)
        views.insert("1 a x", day: "2026-12-07")
        #expect(views.contains("1 a x", day: "2026-12-07"))
        #expect(!views.contains("1 a x", day: "2026-12-08"))
        views.insert("2 a x", day: "2026-12-08")
        #expect(!views.contains("1 a x", day: "2026-12-07") && views.contains("2 a x", day: "2026-12-08"))
        views.insert("3 a x", day: "2026-12-08")
        views.insert("4 a x", day: "2026-12-08")
        #expect(!views.contains("2 a x", day: "2026-12-08") && views.contains("4 a x", day: "2026-12-08"))
    }

    @Test("the widget counts one hit per visitor and day: by visitor id, else signed-in contact, else address; the answer is unchanged")
    func widget() async throws {
        try await withLantern { app in
            app.lantern.behindProxy = true
            let kb = try await SampleKnowledgeBase.make(app)
            let widget = kb.account.widgetID, article = kb.publicArticle
            #expect(try await Self.hits(app, kb, article: article) == 0)
            let ada = VoteLimitTests.visitorID(), bo = VoteLimitTests.visitorID()
            let first = try await Self.read(app, widget: widget, article: article, visitor: ada)
            #expect(first.status == .ok)
            #expect(try await Self.hits(app, kb, article: article) == 1)
            let again = try await Self.read(app, widget: widget, article: article, visitor: ada, address: "198.51.100.9")
            #expect(try again.json(ServedArticleBody.self) == first.json(ServedArticleBody.self))
            #expect(try await Self.hits(app, kb, article: article) == 1)
            _ = try await Self.read(app, widget: widget, article: article, visitor: bo)
            #expect(try await Self.hits(app, kb, article: article) == 2)
            // Without a visitor id, the address stands for the visitor.
            _ = try await Self.read(app, widget: widget, article: article, address: "198.51.100.20")
            _ = try await Self.read(app, widget: widget, article: article, address: "198.51.100.20")
            #expect(try await Self.hits(app, kb, article: article) == 3)
            // A signed-in customer is one visitor whatever id their browser sends.
            let session = try await app.signIn(kb.account)
            _ = try await Self.read(app, widget: widget, article: article, visitor: VoteLimitTests.visitorID(), session: session.session_token)
            _ = try await Self.read(app, widget: widget, article: article, visitor: VoteLimitTests.visitorID(), session: session.session_token)
            #expect(try await Self.hits(app, kb, article: article) == 4)
            // Articles the visitor may not see count nothing; a malformed visitor id is refused.
            #expect(try await Self.read(app, widget: widget, article: kb.agentsArticle, visitor: ada).status == .notFound)
            #expect(try await Self.hits(app, kb, article: kb.agentsArticle) == 0)
            let bad = try await Self.read(app, widget: widget, article: article, visitor: "short")
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.error?.fields?["visitor_id"] != nil)
            #expect(try await Self.hits(app, kb, article: article) == 4)
        }
    }

    @Test("the next day counts the same visitor again, and forgets the views of the day before")
    func nextDay() async throws {
        try await withLantern { app in
            let kb = try await SampleKnowledgeBase.make(app)
            let article = kb.publicArticle, visitor = ArticleViewService.Visitor.browser(visitorID: VoteLimitTests.visitorID())
            let monday = Date(timeIntervalSince1970: 1_765_152_000)  // 2025-12-08 00:00 UTC
            try await ArticleViewService.record(articleID: article, by: visitor, on: app.db, now: monday.addingTimeInterval(60))
            try await ArticleViewService.record(articleID: article, by: visitor, on: app.db, now: monday.addingTimeInterval(86_399))
            #expect(try await Article.find(article, on: app.db)?.hits == 1)
            try await ArticleViewService.record(articleID: article, by: visitor, on: app.db, now: monday.addingTimeInterval(86_400))
            #expect(try await Article.find(article, on: app.db)?.hits == 2)
            #expect(try await ArticleView.query(on: app.db).filter(\.$articleID == article).all().map(\.day) == ["2025-12-09"])
            #expect(ArticleViewService.day(monday.addingTimeInterval(-1)) == "2025-12-07")
        }
    }

    @Test("/support counts an anonymous reader once a day, by their visitor cookie or else their address, and sets no cookie for it")
    func support() async throws {
        try await withLantern { app in
            app.lantern.behindProxy = true
            let kb = try await SampleKnowledgeBase.make(app)
            app.lantern.supportWidgetID = kb.account.widgetID
            let path = "support/solutions/articles/\(kb.publicArticle)"
            func view(address: String, cookie: String? = nil) async throws -> TestingHTTPResponse {
                var headers: HTTPHeaders = ["X-Forwarded-For": address]
                if let cookie { headers.add(name: .cookie, value: "\(SupportArticleController.visitorCookie)=\(cookie)") }
                return try await app.testing().sendRequest(.GET, path, headers: headers)
            }
            let first = try await view(address: "198.51.100.1")
            #expect(first.status == .ok)
            #expect(first.headers[.setCookie].allSatisfy { !$0.contains(SupportArticleController.visitorCookie) })
            _ = try await view(address: "198.51.100.1")
            #expect(try await Self.hits(app, kb, article: kb.publicArticle) == 1)
            let cookie = VoteLimitTests.visitorID()
            _ = try await view(address: "198.51.100.1", cookie: cookie)
            _ = try await view(address: "198.51.100.2", cookie: cookie)
            #expect(try await Self.hits(app, kb, article: kb.publicArticle) == 2)
        }
    }
}
