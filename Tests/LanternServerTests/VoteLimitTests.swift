import Fluent
import Foundation
import LanternCore
import NIOCore
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// Issue 14, item 9: one counted vote per visitor and article (the id the widget frame or the portal's cookie
/// keeps), a per-address limit on new anonymous votes, and a signed-in contact's vote replacing their earlier one.
@Suite("Vote limits")
struct VoteLimitTests {
    /// A visitor id as the widget makes one: 128 random bits in base64url.
    static func visitorID() -> String { Base64URL.encode(SecretGenerator.randomBytes(16)) }

    /// The default per-address limit: new anonymous votes on one article from one address per day.
    static let defaultLimit = 10

    /// A vote through the widget API from `address` (the app sits behind a proxy), with `visitor` when given.
    static func vote(_ app: Application, widget: Int, article: Int, helpful: Bool, visitor: String? = nil,
                     address: String = "203.0.113.7", session: String? = nil) async throws -> TestingHTTPResponse {
        var headers: HTTPHeaders = ["Content-Type": "application/json", "X-Forwarded-For": address]
        if let session { headers.add(name: .authorization, value: "Bearer \(session)") }
        var body: [String: Any] = ["helpful": helpful]
        if let visitor { body["visitor_id"] = visitor }
        return try await app.testing().sendRequest(.POST, "widget/v1/widgets/\(widget)/articles/\(article)/feedback", headers: headers,
                                                   body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: body)))
    }

    static func counts(_ app: Application, article: Int) async throws -> (up: Int, down: Int) {
        let row = try #require(try await Article.find(article, on: app.db))
        return (row.thumbsUp, row.thumbsDown)
    }

    /// Another published all-users article beside `kb.publicArticle`, in the same folder.
    static func secondPublicArticle(_ app: Application, _ kb: SampleKnowledgeBase, title: String = "Reset two-factor sign-in") async throws -> Int {
        let folderID = try #require(try await Article.find(kb.publicArticle, on: app.db)).folderID
        let (article, _) = try await ArticleStore.create(accountID: kb.account.accountID, folderID: folderID, language: "en",
                                                         fields: .init(title: title, description: "<p>Steps.</p>", status: .published, tags: []),
                                                         on: app.db)
        return try article.requireID()
    }

    @Test("200 anonymous votes from one address, each under a new visitor id, no longer reorder the popular list")
    func popularListHolds() async throws {
        try await withLantern { app in
            app.lantern.behindProxy = true
            let kb = try await SampleKnowledgeBase.make(app)
            let widget = kb.account.widgetID
            let challenger = try await Self.secondPublicArticle(app, kb)
            // The leader has more helpful votes than one address may add, from as many real readers.
            for reader in 0..<(Self.defaultLimit + 2) {
                #expect(try await Self.vote(app, widget: widget, article: kb.publicArticle, helpful: true,
                                            visitor: Self.visitorID(), address: "198.51.100.\(reader + 1)").status == .noContent)
            }
            var statuses: [UInt: Int] = [:]
            for _ in 0..<200 {
                let response = try await Self.vote(app, widget: widget, article: challenger, helpful: true, visitor: Self.visitorID())
                statuses[response.status.code, default: 0] += 1
            }
            #expect(statuses == [204: Self.defaultLimit, 429: 200 - Self.defaultLimit])
            #expect(try await Self.counts(app, article: challenger) == (Self.defaultLimit, 0))
            let popular = try await app.widgetGet("widget/v1/widgets/\(widget)/articles").json(HitsBody.self)
            #expect(popular.articles.map(\.id).prefix(2) == [kb.publicArticle, challenger])
        }
    }

    @Test("A visitor's second vote replaces the first: the counts move, never add up")
    func visitorReplaces() async throws {
        try await withLantern { app in
            app.lantern.behindProxy = true
            let kb = try await SampleKnowledgeBase.make(app)
            let widget = kb.account.widgetID, article = kb.publicArticle
            let ada = Self.visitorID(), bo = Self.visitorID()
            #expect(try await Self.vote(app, widget: widget, article: article, helpful: true, visitor: ada).status == .noContent)
            #expect(try await Self.counts(app, article: article) == (1, 0))
            #expect(try await Self.vote(app, widget: widget, article: article, helpful: true, visitor: ada).status == .noContent)
            #expect(try await Self.counts(app, article: article) == (1, 0))
            #expect(try await Self.vote(app, widget: widget, article: article, helpful: false, visitor: ada).status == .noContent)
            #expect(try await Self.counts(app, article: article) == (0, 1))
            // The same visitor from another address (a phone leaving the office Wi-Fi) is still one visitor.
            #expect(try await Self.vote(app, widget: widget, article: article, helpful: true, visitor: ada, address: "192.0.2.99").status == .noContent)
            #expect(try await Self.counts(app, article: article) == (1, 0))
            #expect(try await Self.vote(app, widget: widget, article: article, helpful: false, visitor: bo).status == .noContent)
            #expect(try await Self.counts(app, article: article) == (1, 1))
            #expect(try await ArticleVote.query(on: app.db).filter(\.$articleID == article).count() == 2)
            // One visitor's votes on two articles are two votes.
            let other = try await Self.secondPublicArticle(app, kb)
            #expect(try await Self.vote(app, widget: widget, article: other, helpful: true, visitor: ada).status == .noContent)
            #expect(try await Self.counts(app, article: other) == (1, 0))
        }
    }

    @Test("The per-address limit: 429 rate_limited with Retry-After; other addresses and articles, and changed minds, pass")
    func addressLimit() async throws {
        try await withLantern { app in
            app.lantern.behindProxy = true
            let kb = try await SampleKnowledgeBase.make(app)
            let widget = kb.account.widgetID, article = kb.publicArticle
            let first = Self.visitorID()
            #expect(try await Self.vote(app, widget: widget, article: article, helpful: true, visitor: first).status == .noContent)
            // Old widgets send `helpful` alone: each vote is new, so the address limit alone applies.
            for _ in 1..<Self.defaultLimit {
                #expect(try await Self.vote(app, widget: widget, article: article, helpful: true).status == .noContent)
            }
            for visitor in [nil, Self.visitorID()] {
                let limited = try await Self.vote(app, widget: widget, article: article, helpful: false, visitor: visitor)
                #expect(limited.status == .tooManyRequests)
                #expect(limited.error?.code == "rate_limited")
                let wait = try #require(limited.headers.first(name: "Retry-After").flatMap(Int.init))
                #expect((86_300...86_400).contains(wait))
            }
            #expect(try await Self.counts(app, article: article) == (Self.defaultLimit, 0))
            // A visitor who already voted may change their mind: that adds no vote.
            #expect(try await Self.vote(app, widget: widget, article: article, helpful: false, visitor: first).status == .noContent)
            #expect(try await Self.counts(app, article: article) == (Self.defaultLimit - 1, 1))
            // Another address, and another article from the same address, are not limited.
            #expect(try await Self.vote(app, widget: widget, article: article, helpful: true, address: "203.0.113.8").status == .noContent)
            let other = try await Self.secondPublicArticle(app, kb)
            #expect(try await Self.vote(app, widget: widget, article: other, helpful: true).status == .noContent)
            // A signed-in contact has one vote anyway: the address limit does not stop it.
            let session = try await app.signIn(kb.account).session_token
            #expect(try await Self.vote(app, widget: widget, article: article, helpful: false, session: session).status == .noContent)
            #expect(try await Self.vote(app, widget: widget, article: article, helpful: true, session: session).status == .noContent)
            #expect(try await Self.counts(app, article: article) == (Self.defaultLimit + 1, 1))
        }
    }

    @Test("The vote row keeps a keyed hash of the visitor id, different per article, and never the address")
    func storedHashes() async throws {
        try await withLantern { app in
            app.lantern.behindProxy = true
            let kb = try await SampleKnowledgeBase.make(app)
            let widget = kb.account.widgetID
            let other = try await Self.secondPublicArticle(app, kb)
            let visitor = Self.visitorID(), address = "203.0.113.77"
            for article in [kb.publicArticle, other] {
                #expect(try await Self.vote(app, widget: widget, article: article, helpful: true, visitor: visitor, address: address).status == .noContent)
            }
            // On PostgreSQL the suites share one database: only this test's two articles.
            let rows = try await app.db.sql.raw("SELECT * FROM article_votes WHERE article_id IN (\(bind: kb.publicArticle), \(bind: other))").all()
            #expect(rows.count == 2)
            var hashes: Set<String> = []
            for row in rows {
                let hash = try row.decode(column: "visitor_hash", as: String.self)
                hashes.insert(hash)
                for column in row.allColumns {
                    // Text columns only (PostgreSQL will not decode a number as a string).
                    let text = (try? row.decode(column: column, as: String?.self)) ?? nil ?? ""
                    #expect(!text.contains(visitor) && !text.contains(address), "\(column) holds the visitor id or the address")
                }
            }
            #expect(hashes.count == 2)
            // Keyed: not the plain digest of the id.
            #expect(!hashes.contains(APIKeyDigest.of(visitor)))
        }
    }

    @Test("A visitor id must be 16 to 128 base64url characters: anything else is 422 naming visitor_id")
    func visitorIDValidation() async throws {
        try await withLantern { app in
            let kb = try await SampleKnowledgeBase.make(app)
            for bad in ["", "short", String(repeating: "a", count: 129), "has spaces in it, see?", "ünïcödé-ünïcödé-ünïcödé"] {
                let response = try await Self.vote(app, widget: kb.account.widgetID, article: kb.publicArticle, helpful: true, visitor: bad)
                #expect(response.status == .unprocessableEntity, "\(bad)")
                #expect(response.error?.fields?["visitor_id"] != nil, "\(bad)")
            }
            let notText = try await app.testing().sendRequest(
                .POST, "widget/v1/widgets/\(kb.account.widgetID)/articles/\(kb.publicArticle)/feedback",
                headers: ["Content-Type": "application/json"], body: ByteBuffer(string: #"{"helpful":true,"visitor_id":42}"#))
            #expect(notText.status == .unprocessableEntity)
            #expect(try await Self.counts(app, article: kb.publicArticle) == (0, 0))
        }
    }

    @Test("One visitor voting many times at once is still one vote")
    func concurrentVotes() async throws {
        try await withLantern { app in
            app.lantern.behindProxy = true
            let kb = try await SampleKnowledgeBase.make(app)
            let visitor = Self.visitorID()
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        try await Self.vote(app, widget: kb.account.widgetID, article: kb.publicArticle, helpful: index % 2 == 0,
                                            visitor: visitor).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .noContent })
            let (up, down) = try await Self.counts(app, article: kb.publicArticle)
            #expect(up + down == 1)
            #expect(try await ArticleVote.query(on: app.db).filter(\.$articleID == kb.publicArticle).count() == 1)
        }
    }

    @Test("The /support vote form: one vote per browser (its cookie), and the same per-address limit")
    func supportPortal() async throws {
        try await withLantern { app in
            app.lantern.behindProxy = true
            let kb = try await SampleKnowledgeBase.make(app)
            app.lantern.supportWidgetID = kb.account.widgetID
            let path = "/support/solutions/articles/\(kb.publicArticle)"
            func vote(_ browser: PortalBrowser, _ answer: String) async throws -> TestingHTTPResponse {
                let csrf = try await browser.csrf(from: path)
                return try await browser.post("\(path)/vote", [("csrf_token", csrf), ("helpful", answer)])
            }
            let reader = PortalBrowser(app, address: "203.0.113.20")
            #expect(try await vote(reader, "yes").status == .seeOther)
            let cookie = try #require(reader.lastSetCookies.first { $0.hasPrefix("lantern_support_visitor=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("Path=/support"))
            #expect(try await vote(reader, "yes").status == .seeOther)
            #expect(try await vote(reader, "no").status == .seeOther)
            #expect(try await Self.counts(app, article: kb.publicArticle) == (0, 1))

            for _ in 1..<Self.defaultLimit {
                #expect(try await vote(PortalBrowser(app, address: "203.0.113.20"), "yes").status == .seeOther)
            }
            let limited = try await vote(PortalBrowser(app, address: "203.0.113.20"), "yes")
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers.first(name: "Retry-After").flatMap(Int.init) != nil)
            #expect(try await Self.counts(app, article: kb.publicArticle) == (Self.defaultLimit - 1, 1))
            // The first reader may still change their mind.
            #expect(try await vote(reader, "yes").status == .seeOther)
            #expect(try await Self.counts(app, article: kb.publicArticle) == (Self.defaultLimit, 0))
        }
    }
}
