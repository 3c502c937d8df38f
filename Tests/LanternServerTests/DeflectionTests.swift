import Fluent
import Foundation
import LanternCore
import NIOCore
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// Issue 18: page rules and the suggestions they give (never an article the visitor may not see), and the
/// not-helpful answers (reasons, comments, "Article feedback" tickets).
@Suite("Deflection: suggestions and not-helpful answers")
struct DeflectionTests {
    struct Suggestions: Decodable, Equatable {
        struct Item: Decodable, Equatable {
            let id: Int
            let title: String
            let snippet: String
        }
        struct Rule: Decodable, Equatable {
            let match: String
            let pattern: String
        }
        let articles: [Item]
        let source: String
        let rule: Rule?
    }

    static func suggestions(_ app: Application, widget: Int, _ query: String, session: String? = nil) async throws -> TestingHTTPResponse {
        try await app.widgetGet("widget/v1/widgets/\(widget)/suggestions?\(query)", session: session)
    }

    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    @Test("Page rules: PUT replaces them, GET gives them back exactly, first match wins")
    func rulesRoundTrip() async throws {
        try await withLantern { app in
            let kb = try await SampleKnowledgeBase.make(app)
            let api = APIClient(app: app, key: kb.account.apiKey)
            let rules: [[String: Any]] = [
                ["match": "prefix", "pattern": "/billing", "articles": [kb.loggedInArticle, kb.publicArticle]],
                ["match": "glob", "pattern": "/help/*", "search": "password"],
                ["match": "regex", "pattern": "^/acme(/|$)", "articles": [kb.acmeArticle]],
            ]
            let put = try await api.send(.PUT, "widgets/\(kb.account.widgetID)/suggestions", ["rules": rules])
            #expect(put.status == .ok, "\(put.body.string)")
            let got = try await api.send(.GET, "widgets/\(kb.account.widgetID)/suggestions")
            let stored = try #require(try api.object(got)["rules"] as? [[String: Any]])
            #expect(stored.count == 3)
            #expect(stored[0]["match"] as? String == "prefix" && stored[0]["articles"] as? [Int] == [kb.loggedInArticle, kb.publicArticle])
            #expect(stored[0]["search"] == nil && stored[1]["articles"] == nil)
            #expect(stored[1]["search"] as? String == "password" && stored[2]["pattern"] as? String == "^/acme(/|$)")
            // Another account's widget is not found; an empty list removes every rule.
            let other = try await makeAccount(app, name: "Other")
            #expect(try await APIClient(app: app, key: other.apiKey).send(.GET, "widgets/\(kb.account.widgetID)/suggestions").status == .notFound)
            #expect(try await api.send(.PUT, "widgets/\(kb.account.widgetID)/suggestions", ["rules": []]).status == .ok)
            #expect(try api.object(try await api.send(.GET, "widgets/\(kb.account.widgetID)/suggestions"))["rules"] as? [Any] != nil)
            #expect(try await PageRuleService.rules(widgetID: kb.account.widgetID, on: app.db).isEmpty)
        }
    }

    /// A bad second rule, the field its 422 names, and words of the message.
    static func badRules() -> [(rule: [String: Any], field: String, message: String)] {
        var cases: [(rule: [String: Any], field: String, message: String)] = []
        cases.append((["match": "regex", "pattern": "(a"], "rules[1].pattern", "rule 2: the regex pattern has an unclosed '('"))
        cases.append((["match": "regex", "pattern": "(a)\\1", "search": "x"], "rules[1].pattern", "backreference"))
        cases.append((["match": "regex", "pattern": "^(?=admin)", "search": "x"], "rules[1].pattern", "lookaround"))
        cases.append((["match": "glob", "pattern": "billing/*", "search": "x"], "rules[1].pattern", "must start with /"))
        cases.append((["match": "wildcard", "pattern": "/x", "search": "x"], "rules[1].match", "rule 2: must be prefix, glob or regex"))
        cases.append((["match": "prefix", "pattern": "/x", "search": "x", "articles": [1]], "rules[1]", "not both"))
        cases.append((["match": "prefix", "pattern": "/x"], "rules[1]", "either articles"))
        cases.append((["match": "prefix", "pattern": "/x", "articles": [1, 2, 3, 4, 5, 6]], "rules[1].articles", "1 to 5 different"))
        cases.append((["match": "prefix", "pattern": "/x", "search": "  "], "rules[1].search", "must not be blank"))
        return cases
    }

    @Test("A bad rule is a 422 naming the rule and its field, and nothing changes")
    func badRulesAreRefused() async throws {
        for (rule, field, message) in Self.badRules() { try await badRule(rule: rule, field: field, message: message) }
    }

    func badRule(rule: [String: Any], field: String, message: String) async throws {
        try await withLantern { app in
            let kb = try await SampleKnowledgeBase.make(app)
            let api = APIClient(app: app, key: kb.account.apiKey)
            let good: [String: Any] = ["match": "prefix", "pattern": "/ok", "articles": [kb.publicArticle]]
            #expect(try await api.send(.PUT, "widgets/\(kb.account.widgetID)/suggestions", ["rules": [good]]).status == .ok)
            var broken = rule
            if var ids = broken["articles"] as? [Int], ids.count == 1 { ids[0] = kb.publicArticle; broken["articles"] = ids }
            let response = try await api.send(.PUT, "widgets/\(kb.account.widgetID)/suggestions", ["rules": [good, broken]])
            #expect(response.status == .unprocessableEntity)
            #expect(response.error?.code == "validation_failed")
            let problem = try #require(response.error?.fields?[field], "\(response.body.string)")
            #expect(problem.contains(message), "\(problem)")
            #expect(try await PageRuleService.rules(widgetID: kb.account.widgetID, on: app.db).map(\.pattern.pattern) == ["/ok"])
        }
    }

    @Test("Rules may only name the account's own articles")
    func foreignArticles() async throws {
        try await withLantern { app in
            let kb = try await SampleKnowledgeBase.make(app)
            let other = try await SampleKnowledgeBase.make(app)
            let response = try await APIClient(app: app, key: kb.account.apiKey).send(.PUT, "widgets/\(kb.account.widgetID)/suggestions",
                ["rules": [["match": "prefix", "pattern": "/x", "articles": [other.publicArticle]]]])
            #expect(response.error?.fields?["rules[0].articles"] == "rule 1: must be articles of this account")
        }
    }

    @Test("The panel's suggestions follow the page's URL, and only what the visitor may see")
    func suggestionsByPage() async throws {
        try await withLantern { app in
            let kb = try await SampleKnowledgeBase.make(app)
            let widget = kb.account.widgetID
            _ = try await PageRuleService.replace(widgetID: widget, accountID: kb.account.accountID, with: PageRulesInput(rules: [
                .init(match: "prefix", pattern: "/billing", articles: [kb.loggedInArticle, kb.publicArticle], search: nil),
                .init(match: "glob", pattern: "/help/*", articles: nil, search: "pasword"),
                .init(match: "regex", pattern: "^/acme(/|$)", articles: [kb.acmeArticle, kb.agentsArticle], search: nil),
            ]), on: app.db)
            func ask(_ query: String, session: String? = nil) async throws -> Suggestions {
                let response = try await Self.suggestions(app, widget: widget, query, session: session)
                #expect(response.status == .ok, "\(response.body.string)")
                #expect(response.headers.first(name: .cacheControl) == "private, no-store")
                return try response.json(Suggestions.self)
            }
            let billing = try await ask("url=\(Self.encoded("https://shop.example/billing/invoices?year=2025#unpaid"))")
            #expect(billing.source == "rule" && billing.articles.map(\.id) == [kb.publicArticle])
            #expect(billing.rule == .init(match: "prefix", pattern: "/billing"))
            #expect(billing.articles[0].title == "How do I change my password?" && !billing.articles[0].snippet.isEmpty)
            // Signed in, the logged-in article appears, in the rule's order.
            let session = try await app.signIn(kb.account).session_token
            #expect(try await ask("url=/billing", session: session).articles.map(\.id) == [kb.loggedInArticle, kb.publicArticle])
            // A search rule: typo-corrected, only visible hits.
            let help = try await ask("url=\(Self.encoded("/help/account"))")
            #expect(help.source == "search" && help.articles.map(\.id) == [kb.publicArticle])
            // Every article of the matching rule hidden: the most helpful visible articles, as if no rule matched.
            let acme = try await ask("url=/acme")
            #expect(acme.source == "popular" && acme.rule == nil)
            #expect(Set(acme.articles.map(\.id)) == [kb.publicArticle])
            let acmeMember = try await app.signIn(kb.account, name: "Ann", email: "ann@acme.example").session_token
            #expect(try await ask("url=/acme/sso", session: acmeMember).articles.map(\.id) == [kb.acmeArticle])
            // No URL, no match, or what the page asks for itself.
            #expect(try await ask("").source == "popular")
            #expect(try await ask("url=/pricing").source == "popular")
            #expect(try await ask("articles=\(kb.agentsArticle),\(kb.publicArticle)").articles.map(\.id) == [kb.publicArticle])
            #expect(try await ask("search=password").articles.map(\.id) == [kb.publicArticle])
            #expect(try await ask("search=zzzzqqq").source == "popular")
            for bad in ["url=ftp%3A%2F%2Fx", "url=billing", "articles=1,x", "articles=1,2,3,4,5,6", "search=", "url=%2Fa&search=b"] {
                let response = try await Self.suggestions(app, widget: widget, bad)
                #expect(response.status == .unprocessableEntity, "\(bad)")
            }
            #expect(try await Self.suggestions(app, widget: 999_999, "url=/billing").status == .notFound)
        }
    }

    @Test("Articles the visitor may not see change no byte of the suggestions")
    func hiddenArticlesChangeNothing() async throws {
        try await withLantern { app in
            let kb = try await SampleKnowledgeBase.make(app)
            let widget = kb.account.widgetID
            func body(_ rules: [PageRulesInput.Rule], _ query: String) async throws -> String {
                _ = try await PageRuleService.replace(widgetID: widget, accountID: kb.account.accountID, with: PageRulesInput(rules: rules), on: app.db)
                return try await Self.suggestions(app, widget: widget, query).body.string
            }
            let hidden = [kb.draftArticle, kb.loggedInArticle, kb.acmeArticle, kb.agentsArticle, kb.botsArticle]
            let plain = try await body([.init(match: "prefix", pattern: "/x", articles: [kb.publicArticle], search: nil)], "url=/x")
            for article in hidden {
                #expect(try await body([.init(match: "prefix", pattern: "/x", articles: [article, kb.publicArticle], search: nil)], "url=/x") == plain)
                #expect(try await body([.init(match: "prefix", pattern: "/x", articles: [kb.publicArticle, article], search: nil)], "url=/x") == plain)
                #expect(try await Self.suggestions(app, widget: widget, "articles=\(article),\(kb.publicArticle)").body.string
                        == Self.suggestions(app, widget: widget, "articles=\(kb.publicArticle)").body.string)
            }
            // A rule of hidden articles only reads exactly like a page no rule matches.
            let none = try await body([], "url=/x")
            #expect(try await body([.init(match: "prefix", pattern: "/x", articles: hidden, search: nil)], "url=/x") == none)
            #expect(!none.contains("\"rule\":{"))
        }
    }

    @Test("Not helpful: a reason and a comment reach the feedback API; old widgets' votes still work")
    func notHelpfulAnswers() async throws {
        try await withLantern { app in
            let kb = try await SampleKnowledgeBase.make(app)
            let widget = kb.account.widgetID, article = kb.publicArticle
            func feedback(_ body: [String: Any], session: String? = nil) async throws -> TestingHTTPResponse {
                var headers: HTTPHeaders = ["Content-Type": "application/json"]
                if let session { headers.add(name: .authorization, value: "Bearer \(session)") }
                return try await app.testing().sendRequest(.POST, "widget/v1/widgets/\(widget)/articles/\(article)/feedback", headers: headers,
                                                           body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: body)))
            }
            let visitor = VoteLimitTests.visitorID()
            #expect(try await feedback(["helpful": false, "visitor_id": visitor]).status == .noContent)
            #expect(try await feedback(["helpful": false, "visitor_id": visitor, "reason": "outdated", "comment": "  The screens changed.  "]).status == .noContent)
            #expect(try await VoteLimitTests.counts(app, article: article) == (0, 1))
            let refused: [([String: Any], String)] = [
                (["helpful": true, "visitor_id": visitor, "reason": "unclear"], "reason"),
                (["helpful": false, "visitor_id": visitor, "reason": "boring"], "reason"),
                (["helpful": false, "visitor_id": visitor, "comment": "no reason"], "reason"),
                (["helpful": false, "visitor_id": visitor, "reason": "other", "comment": String(repeating: "x", count: 1_001)], "comment"),
                (["helpful": false, "visitor_id": visitor, "reason": "other", "comment": "bell\u{7}"], "comment"),
            ]
            for (body, field) in refused {
                let response = try await feedback(body)
                #expect(response.status == .unprocessableEntity && response.error?.fields?[field] != nil, "\(body)")
            }
            #expect(try await feedback(["helpful": false, "visitor_id": visitor, "reason": "other", "comment": String(repeating: "é", count: 1_000)]).status == .noContent)
            let session = try await app.signIn(kb.account).session_token
            #expect(try await feedback(["helpful": false, "reason": "wrong_topic"], session: session).status == .noContent)
            let api = APIClient(app: app, key: kb.account.apiKey)
            let answers = try api.array(try await api.send(.GET, "solutions/articles/\(article)/feedback"))
            #expect(answers.count == 2)
            #expect(answers[0]["reason"] as? String == "wrong_topic" && (answers[0]["contact"] as? [String: Any])?["email"] as? String == "alice@acme.example")
            #expect(answers[0]["comment"] is NSNull && answers[0]["helpful"] as? Bool == false && answers[0]["created_at"] is String)
            #expect(answers[1]["reason"] as? String == "other" && answers[1]["contact"] is NSNull)
            #expect((answers[1]["comment"] as? String)?.count == 1_000)
            #expect(try await VoteLimitTests.counts(app, article: article) == (0, 2))
            // Changing one's mind to "helpful" withdraws the answer.
            #expect(try await feedback(["helpful": true, "visitor_id": visitor]).status == .noContent)
            #expect(try api.array(try await api.send(.GET, "solutions/articles/\(article)/feedback")).count == 1)
            #expect(try await api.send(.GET, "solutions/articles/999999/feedback").status == .notFound)
            // The agent portal shows the answer beside the vote.
            app.lantern.behindProxy = true
            let agent = PortalBrowser(app)
            try await agent.signIn(email: kb.account.adminEmail, password: "password1")
            let page = try await agent.get("/agent/kb/articles/\(article)/feedback").body.string
            #expect(page.contains("Not what I was looking for") && page.contains("Why not helpful"))
        }
    }

    @Test("With the widget setting on, a signed-in customer's answer becomes an \"Article feedback\" ticket")
    func feedbackTickets() async throws {
        try await withLantern { app in
            let kb = try await SampleKnowledgeBase.make(app)
            let widget = kb.account.widgetID, article = kb.publicArticle
            let api = APIClient(app: app, key: kb.account.apiKey)
            let update = try await api.send(.PUT, "widgets/\(widget)", ["article_feedback_tickets": true])
            #expect(try api.object(update)["article_feedback_tickets"] as? Bool == true)
            let session = try await app.signIn(kb.account).session_token
            func answer(_ body: [String: Any], session: String?) async throws -> HTTPStatus {
                var headers: HTTPHeaders = ["Content-Type": "application/json"]
                if let session { headers.add(name: .authorization, value: "Bearer \(session)") }
                return try await app.testing().sendRequest(.POST, "widget/v1/widgets/\(widget)/articles/\(article)/feedback", headers: headers,
                                                           body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: body))).status
            }
            #expect(try await answer(["helpful": false, "reason": "incomplete", "comment": "Where is step 3?"], session: session) == .noContent)
            // Answering again keeps the one ticket; an anonymous answer makes none (no one to reply to).
            #expect(try await answer(["helpful": false, "reason": "unclear"], session: session) == .noContent)
            #expect(try await answer(["helpful": false, "reason": "other", "visitor_id": VoteLimitTests.visitorID()], session: nil) == .noContent)
            let tickets = try await Ticket.query(on: app.db).filter(\.$accountID == kb.account.accountID).all()
            #expect(tickets.count == 1)
            let ticket = try #require(tickets.first)
            #expect(ticket.type == "Article feedback" && ticket.email == "alice@acme.example" && ticket.verified)
            #expect(ticket.subject == "Article feedback: How do I change my password?")
            #expect(ticket.description.contains("Not helpful: Incomplete.") && ticket.description.contains("Where is step 3?"))
            #expect(ticket.tags == ["article-feedback", "article-\(article)"])
            #expect(try await TicketTypeService.names(accountID: kb.account.accountID, on: app.db).contains("Article feedback"))
            let answers = try api.array(try await api.send(.GET, "solutions/articles/\(article)/feedback"))
            #expect(answers.first { ($0["contact"] as? [String: Any]) != nil }?["ticket_id"] as? Int == ticket.id)
        }
    }
}
