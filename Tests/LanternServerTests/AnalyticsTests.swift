import Fluent
import Foundation
import LanternCore
import NIOCore
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// Issue 18: events from the widget and `/support`, their daily aggregates, retention, and the reports.
@Suite("Analytics")
struct AnalyticsTests {
    /// A day's visitor id as the widget frame makes one.
    static func visit() -> String { VoteLimitTests.visitorID() }

    /// Posts events as the widget frame does; the answer's status.
    @discardableResult
    static func post(_ app: Application, widget: Int, visitor: String, _ events: [[String: Any]], session: String? = nil,
                     address: String = "203.0.113.9") async throws -> TestingHTTPResponse {
        var headers: HTTPHeaders = ["Content-Type": "application/json", "X-Forwarded-For": address]
        if let session { headers.add(name: .authorization, value: "Bearer \(session)") }
        let body: [String: Any] = ["visitor_id": visitor, "events": events]
        return try await app.testing().sendRequest(.POST, "widget/v1/widgets/\(widget)/events", headers: headers,
                                                   body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: body)))
    }

    /// Writes what is queued and rolls today up, as `lantern serve` does every few seconds.
    static func settle(_ app: Application) async throws {
        await app.analytics.flush(on: app.db)
        try await AnalyticsRollup.run(on: app.db)
    }

    static func report(_ app: Application, _ api: APIClient, _ path: String) async throws -> [String: Any] {
        let response = try await api.send(.GET, path)
        #expect(response.status == .ok, "\(path): \(response.body.string)")
        return try api.object(response)
    }

    @Test("A scripted visit gives exactly the expected counts in every report")
    func scriptedVisit() async throws {
        try await withLantern { app in
            let kb = try await SampleKnowledgeBase.make(app)
            let widget = kb.account.widgetID, article = kb.publicArticle
            let rule: [String: Any] = ["match": "glob", "pattern": "/billing/*"]
            for (visitor, events) in [
                (Self.visit(), [
                    ["type": "search", "query": "Reset  Password", "results": 3, "engine": "memory"],
                    ["type": "result_click", "query": "reset password", "rank": 2, "article_id": article],
                    ["type": "article_view", "article_id": article],
                    ["type": "vote", "article_id": article, "helpful": false],
                    ["type": "search", "query": "quokka", "results": 0, "engine": "database"],
                    ["type": "suggestion_shown", "source": "rule", "rule": rule],
                    ["type": "suggestion_click", "source": "rule", "rule": rule, "article_id": article, "rank": 1],
                    ["type": "contact_form_opened"],
                ] as [[String: Any]]),
                (Self.visit(), [["type": "search", "query": "RESET password", "results": 3], ["type": "contact_form_opened"], ["type": "ticket_sent"]]),
                (Self.visit(), [["type": "article_view", "article_id": article]]),
                (Self.visit(), [["type": "search", "query": "refund", "results": 2], ["type": "suggestion_shown", "source": "popular"]]),
            ] {
                #expect(try await Self.post(app, widget: widget, visitor: visitor, events).status == .accepted)
            }
            try await Self.settle(app)
            let api = APIClient(app: app, key: kb.account.apiKey)
            let today = AnalyticsDay(Date()).description
            let search = try await Self.report(app, api, "analytics/search?from=\(today)&to=\(today)")
            #expect(search["searches"] as? Int == 4 && search["with_results"] as? Int == 3 && search["clicks"] as? Int == 1)
            #expect(search["ctr"] as? Double == 0.25 && search["mean_click_rank"] as? Double == 2)
            let top = try #require(search["top_queries"] as? [[String: Any]])
            #expect(top.map { $0["query"] as? String } == ["reset password", "quokka", "refund"])
            #expect(top.map { $0["count"] as? Int } == [2, 1, 1] && top.map { $0["clicks"] as? Int } == [1, 0, 0])
            #expect((search["no_results"] as? [[String: Any]])?.map { "\($0["query"]!):\($0["count"]!)" } == ["quokka:1"])
            #expect((search["no_click"] as? [[String: Any]])?.map { "\($0["query"]!):\($0["count"]!)" } == ["refund:1"])
            #expect((search["by_day"] as? [[String: Any]])?.map { "\($0["date"]!) \($0["searches"]!) \($0["no_results"]!)" } == ["\(today) 4 1"])

            let articles = try #require(try await Self.report(app, api, "analytics/articles")["articles"] as? [[String: Any]])
            #expect(articles.count == 1 && articles[0]["id"] as? Int == article && articles[0]["views"] as? Int == 2)
            #expect(articles[0]["thumbs_up"] as? Int == 0 && articles[0]["thumbs_down"] as? Int == 1)
            #expect(articles[0]["title"] as? String == "How do I change my password?")

            let suggestions = try await Self.report(app, api, "analytics/suggestions")
            #expect(suggestions["shown"] as? Int == 2 && suggestions["clicked"] as? Int == 1 && suggestions["click_rate"] as? Double == 0.5)
            let rows = try #require(suggestions["rules"] as? [[String: Any]])
            let byRule = rows.first { $0["pattern"] as? String == "/billing/*" }
            #expect(byRule?["match"] as? String == "glob" && byRule?["shown"] as? Int == 1 && byRule?["click_rate"] as? Double == 1)
            #expect(rows.first { $0["source"] as? String == "popular" }?["pattern"] is NSNull)

            let deflection = try await Self.report(app, api, "analytics/deflection")
            #expect(deflection["visits"] as? Int == 3 && deflection["deflected"] as? Int == 1 && deflection["tickets"] as? Int == 1)
            #expect(deflection["deflection_rate"] as? Double == 0.3333 && deflection["tickets_per_100_visits"] as? Double == 33.33)

            // Running the rollup again, or again after more events, counts nothing twice.
            try await Self.settle(app)
            #expect(try await Self.report(app, api, "analytics/search")["searches"] as? Int == 4)
        }
    }

    @Test("The deflection rate of a scripted set of visits, per widget and in all")
    func deflectionRate() async throws {
        try await withLantern { app in
            let kb = try await SampleKnowledgeBase.make(app)
            let api = APIClient(app: app, key: kb.account.apiKey)
            let second = try api.object(try await api.send(.POST, "widgets", ["name": "Second"]))["id"] as! Int
            let view: [String: Any] = ["type": "article_view", "article_id": kb.publicArticle]
            let search: [String: Any] = ["type": "search", "query": "invoice", "results": 1]
            let form: [String: Any] = ["type": "contact_form_opened"], ticket: [String: Any] = ["type": "ticket_sent"]
            let formSuggestion: [String: Any] = ["type": "suggestion_click", "source": "form", "article_id": kb.publicArticle]
            // (how many visits, on which widget, what each did, whether it counts as deflected)
            let script: [(Int, Int, [[String: Any]])] = [
                (10, kb.account.widgetID, [search, view]),                 // deflected
                (5, kb.account.widgetID, [search, view, form, ticket]),    // read, then wrote anyway
                (5, second, [form, formSuggestion]),                       // the form's suggestion answered them: deflected
                (5, second, [form, ticket]),                               // wrote
                (5, kb.account.widgetID, [search]),                        // searched, read nothing
                (10, kb.account.widgetID, [view]),                         // neither searched nor opened the form: not counted
            ]
            for (count, widget, events) in script {
                for _ in 0..<count { try await Self.post(app, widget: widget, visitor: Self.visit(), events) }
            }
            try await Self.settle(app)
            let all = try await Self.report(app, api, "analytics/deflection")
            #expect(all["visits"] as? Int == 30 && all["deflected"] as? Int == 15 && all["deflection_rate"] as? Double == 0.5)
            #expect(all["tickets"] as? Int == 10 && all["tickets_per_100_visits"] as? Double == 33.33)
            let first = try await Self.report(app, api, "analytics/deflection?widget_id=\(kb.account.widgetID)")
            #expect(first["visits"] as? Int == 20 && first["deflected"] as? Int == 10 && first["tickets"] as? Int == 5)
            let other = try await Self.report(app, api, "analytics/deflection?widget_id=\(second)")
            #expect(other["visits"] as? Int == 10 && other["deflected"] as? Int == 5 && other["deflection_rate"] as? Double == 0.5)
            // CSV: one row per day.
            let csv = try await api.send(.GET, "analytics/deflection?format=csv")
            #expect(csv.headers.first(name: .contentType) == "text/csv; charset=utf-8")
            #expect(csv.body.string.hasPrefix("date,visits,deflected,tickets\r\n") && csv.body.string.contains(",30,15,10\r\n"))
            // Another account sees none of it.
            let stranger = try await makeAccount(app, name: "Stranger")
            #expect(try await Self.report(app, APIClient(app: app, key: stranger.apiKey), "analytics/deflection")["visits"] as? Int == 0)
        }
    }

    @Test("Retention deletes raw events of old days and keeps their aggregates")
    func retention() async throws {
        try await withLantern { app in
            let kb = try await SampleKnowledgeBase.make(app)
            let now = Date()
            func event(_ daysAgo: Int, _ query: String) -> AnalyticsEvent {
                AnalyticsEvent(accountID: kb.account.accountID, widgetID: kb.account.widgetID,
                               occurredAt: now.addingTimeInterval(-Double(daysAgo) * 86_400), visit: AnalyticsVisit.key(Self.visit()),
                               signedIn: false, kind: .search, query: query, results: 1)
            }
            // A PostgreSQL database reused from an earlier run may have taken these past days as final (a day's rollup is
            // for every account): events written after the fact, as here, need the days due again.
            let days = [100, 95, 10].map { AnalyticsDay(now.addingTimeInterval(-Double($0) * 86_400)).number }
            try await app.db.sql.delete(from: "analytics_rollups").where("id", .in, days).run()
            try await AnalyticsRecorder.insert([event(100, "old"), event(100, "old"), event(95, "older than 90"), event(10, "recent")], on: app.db)
            let deleted = try await AnalyticsRollup.applyRetention(days: 90, now: now, on: app.db)
            #expect(deleted == 3)
            let left = try await app.db.sql.raw("SELECT query FROM analytics_events WHERE account_id = \(bind: kb.account.accountID)").all().map { try $0.decode(column: "query", as: String.self) }
            #expect(left == ["recent"])
            let api = APIClient(app: app, key: kb.account.apiKey)
            let oldDay = AnalyticsDay(now.addingTimeInterval(-100 * 86_400)).description
            let old = try await Self.report(app, api, "analytics/search?from=\(oldDay)&to=\(oldDay)")
            #expect(old["searches"] as? Int == 2 && (old["top_queries"] as? [[String: Any]])?.first?["query"] as? String == "old")
            // Again: nothing more to delete, the aggregates stay.
            #expect(try await AnalyticsRollup.applyRetention(days: 90, now: now, on: app.db) == 0)
            #expect(try await Self.report(app, api, "analytics/search?from=\(oldDay)&to=\(oldDay)")["searches"] as? Int == 2)
        }
    }

    @Test("No event row carries an e-mail, a name, an address or a session token")
    func nothingIdentifying() async throws {
        try await withLantern { app in
            app.lantern.behindProxy = true
            let kb = try await SampleKnowledgeBase.make(app)
            app.lantern.supportWidgetID = kb.account.widgetID
            let signedIn = try await app.signIn(kb.account, name: "Alice Martin", email: "alice@acme.example")
            let visitor = Self.visit()
            let response = try await Self.post(app, widget: kb.account.widgetID, visitor: visitor, [
                ["type": "search", "query": "password", "results": 1], ["type": "contact_form_opened"], ["type": "ticket_sent"],
            ], session: signedIn.session_token, address: "198.51.100.77")
            #expect(response.status == .accepted)
            // And through /support, with its cookies.
            let browser = PortalBrowser(app, address: "198.51.100.78")
            #expect(try await browser.get("/support/search?term=Password").status == .ok)
            #expect(try await browser.get("/support/solutions/articles/\(kb.publicArticle)").status == .ok)
            await app.analytics.flush(on: app.db)
            let rows = try await app.db.sql.raw("SELECT * FROM analytics_events WHERE account_id = \(bind: kb.account.accountID)").all()
            #expect(rows.count == 5)
            let secrets = ["alice@acme.example", "Alice", "Martin", "198.51.100.77", "198.51.100.78", signedIn.session_token, visitor]
                + browser.cookies.values.map { $0 }
            for row in rows {
                for column in row.allColumns {
                    let text = (try? row.decode(column: column, as: String?.self)) ?? nil
                    for secret in secrets where !secret.isEmpty {
                        #expect(!(text ?? "").contains(secret), "\(column) holds \(secret)")
                    }
                }
            }
            let signedInFlags = try rows.map { try $0.decode(column: "signed_in", as: Bool.self) }
            #expect(signedInFlags.filter { $0 }.count == 3)
            // The day's visit is one key per browser: three events of the widget's, two of the portal's.
            let visits = try rows.map { try $0.decode(column: "visit", as: String.self) }
            #expect(Set(visits).count == 2 && visits.allSatisfy { $0.count == 32 })
        }
    }

    @Test("/support records searches, reads, the contact form and tickets under one day-scoped visit cookie")
    func supportEvents() async throws {
        try await withLantern { app in
            app.lantern.behindProxy = true
            let kb = try await SampleKnowledgeBase.make(app)
            app.lantern.supportWidgetID = kb.account.widgetID
            let browser = PortalBrowser(app)
            #expect(try await browser.get("/support/search?term=%20Change%20PASSWORD").status == .ok)
            let cookie = try #require(browser.lastSetCookies.first { $0.hasPrefix("lantern_support_visit=") })
            let maxAge = try #require(cookie.split(separator: ";").first { $0.lowercased().contains("max-age") }.flatMap { Int($0.split(separator: "=")[1]) })
            #expect(maxAge > 0 && maxAge <= 86_400)
            #expect(try await browser.get("/support/solutions/articles/\(kb.publicArticle)").status == .ok)
            #expect(try await browser.get("/support/tickets/new").status == .ok)
            let csrf = try await browser.csrf(from: "/support/tickets/new")
            let sent = try await browser.postMultipart("/support/tickets", [("csrf_token", csrf), ("name", "Bo"), ("email", "bo@example.com"),
                                                                                 ("subject", "Help"), ("description", "Please.")])
            #expect(sent.status == .created, "\(sent.body.string.prefix(300))")
            await app.analytics.flush(on: app.db)
            let rows = try await app.db.sql.raw("""
                SELECT kind, query, results, article_id, visit FROM analytics_events WHERE account_id = \(bind: kb.account.accountID) ORDER BY id
                """).all()
            #expect(try rows.map { try $0.decode(column: "kind", as: String.self) }
                    == ["search", "article_view", "contact_form_opened", "contact_form_opened", "ticket_sent"])
            #expect(try rows[0].decode(column: "query", as: String.self) == "change password" && (try rows[0].decode(column: "results", as: Int.self)) >= 1)
            #expect(try rows[1].decode(column: "article_id", as: Int.self) == kb.publicArticle)
            #expect(Set(try rows.map { try $0.decode(column: "visit", as: String.self) }).count == 1)
        }
    }

    @Test("Events are checked: a 422 names the event and field; a full queue drops and counts, never waits")
    func intakeAndQueue() async throws {
        try await withLantern { app in
            let kb = try await SampleKnowledgeBase.make(app)
            let widget = kb.account.widgetID
            let refused: [([[String: Any]], String)] = [
                ([["type": "page_view"]], "events[0].type"),
                ([["type": "search", "results": 1]], "events[0].query"),
                ([["type": "search", "query": "x", "results": -1]], "events[0].results"),
                ([["type": "contact_form_opened"], ["type": "result_click", "query": "x", "rank": 0, "article_id": 1]], "events[1].rank"),
                ([["type": "suggestion_shown", "source": "banner"]], "events[0].source"),
                ([["type": "vote", "article_id": 3]], "events[0].helpful"),
                (Array(repeating: ["type": "contact_form_opened"], count: 51), "events"),
            ]
            for (events, field) in refused {
                let response = try await Self.post(app, widget: widget, visitor: Self.visit(), events)
                #expect(response.status == .unprocessableEntity && response.error?.fields?[field] != nil, "\(field): \(response.body.string)")
            }
            #expect(try await Self.post(app, widget: widget, visitor: "short", [["type": "ticket_sent"]]).error?.fields?["visitor_id"] != nil)
            #expect(try await Self.post(app, widget: 999_999, visitor: Self.visit(), [["type": "ticket_sent"]]).status == .notFound)
            #expect(app.analytics.queued == 0)

            app.analytics = AnalyticsRecorder(enabled: true, capacity: 3, metrics: app.metrics)
            let clock = ContinuousClock()
            let started = clock.now
            #expect(try await Self.post(app, widget: widget, visitor: Self.visit(), Array(repeating: ["type": "contact_form_opened"], count: 5)).status == .accepted)
            #expect(clock.now - started < .seconds(5))
            #expect(app.analytics.queued == 3)
            let metrics = try await app.testing().sendRequest(.GET, "metrics").body.string
            #expect(metrics.contains("lantern_analytics_events_dropped_total{reason=\"queue_full\"} 2"))
            #expect(await app.analytics.flush(on: app.db) == 3)
            #expect(try await app.testing().sendRequest(.GET, "metrics").body.string.contains("lantern_analytics_events_written_total 3"))

            app.analytics = AnalyticsRecorder(enabled: false, metrics: app.metrics)
            #expect(try await Self.post(app, widget: widget, visitor: Self.visit(), [["type": "ticket_sent"]]).status == .accepted)
            #expect(app.analytics.queued == 0)
        }
    }

    @Test("Reports check their period and widget; today's events show within seconds with the runner of `lantern serve`")
    func reportsAndRunner() async throws {
        try await withLantern { app in
            let kb = try await SampleKnowledgeBase.make(app)
            let api = APIClient(app: app, key: kb.account.apiKey)
            let other = try await makeAccount(app, name: "Other")
            for (query, field) in [("from=2024-02-30", "from"), ("to=yesterday", "to"), ("from=2024-03-02&to=2024-03-01", "from"),
                                   ("from=2000-01-01&to=2024-01-01", "from"), ("widget_id=\(other.widgetID)", "widget_id"),
                                   ("widget_id=abc", "widget_id"), ("format=xml", "format")] {
                let response = try await api.send(.GET, "analytics/search?\(query)")
                #expect(response.status == .unprocessableEntity && response.error?.fields?[field] != nil, "\(query)")
            }
            #expect(try await api.send(.GET, "analytics/articles?order=random").error?.fields?["order"] != nil)
            let empty = try await Self.report(app, api, "analytics/search?from=2024-01-01&to=2024-01-31")
            #expect(empty["searches"] as? Int == 0 && empty["mean_click_rank"] is NSNull && (empty["by_day"] as? [Any])?.count == 31)

            let runner = AnalyticsRunner(flushInterval: .milliseconds(100), rollupInterval: 0.5)
            try await runner.didBootAsync(app)
            try await Self.post(app, widget: kb.account.widgetID, visitor: Self.visit(), [["type": "search", "query": "Invoices", "results": 4]])
            var searches = 0
            for _ in 0..<100 where searches == 0 {
                try await Task.sleep(for: .milliseconds(100))
                searches = try await Self.report(app, api, "analytics/search")["searches"] as? Int ?? 0
            }
            #expect(searches == 1)
            await runner.shutdownAsync(app)
            let csv = try await api.send(.GET, "analytics/search?format=csv")
            #expect(csv.body.string == "query,count,clicks\r\ninvoices,1,0\r\n")
        }
    }
}
