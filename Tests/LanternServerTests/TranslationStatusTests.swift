import Fluent
import Foundation
import LanternCore
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// Issue 17: each translation has its own status, so a draft translation never shows while the primary is published.
@Suite("Translation status")
struct TranslationStatusTests {
    @Test("a draft translation is never served: the widget, its search (memory and database engines) and /support give the primary version until it is published", arguments: LanternSettings.SearchEngine.allCases)
    func draftTranslation(engine: LanternSettings.SearchEngine) async throws {
        try await withLantern(searchEngine: engine) { app in
            let kb = try await SampleKnowledgeBase.make(app)
            app.lantern.supportWidgetID = kb.account.widgetID
            let api = APIClient(app: app, key: kb.account.apiKey)
            let article = try await VoteLimitTests.secondPublicArticle(app, kb, title: "Export invoices")
            let created = try await api.send(.POST, "solutions/articles/\(article)/fr",
                                             ["title": "Exporter les factures brouillon", "description": "<p>Texte pas encore relu.</p>", "status": 1])
            #expect(created.status == .created, "\(created.body.string)")
            #expect(try api.object(created)["status"] as? Int == 1)
            #expect(try api.object(try await api.send(.GET, "solutions/articles/\(article)"))["status"] as? Int == 2)

            let base = "widget/v1/widgets/\(kb.account.widgetID)"
            func served() async throws -> ServedArticleBody { try await app.widgetGet("\(base)/articles/\(article)?locale=fr").json() }
            func found(_ query: String) async throws -> [HitsBody.Hit] {
                try await app.widgetGet("\(base)/articles?query=\(query)&locale=fr").json(HitsBody.self).articles.filter { $0.id == article }
            }
            var french = try await served()
            #expect(french.title == "Export invoices" && french.fallback)
            #expect(try await found("brouillon").isEmpty)
            #expect(try await found("invoices").map(\.language) == ["en"])
            func supportPage() async throws -> String {
                try await app.testing().sendRequest(.GET, "support/solutions/articles/\(article)?lang=fr").body.string
            }
            let page = try await supportPage()
            #expect(!page.contains("brouillon") && page.contains("Export invoices"))

            let published = try await api.send(.PUT, "solutions/articles/\(article)/fr", ["status": 2])
            #expect(published.status == .ok)
            #expect(try api.object(published)["status"] as? Int == 2)
            french = try await served()
            #expect(french.title == "Exporter les factures brouillon" && !french.fallback)
            #expect(try await found("brouillon").map(\.language) == ["fr"])
            #expect(try await supportPage().contains("Exporter les factures brouillon"))

            // Back to draft: gone again; the article itself stays published.
            #expect(try await api.send(.PUT, "solutions/articles/\(article)/fr", ["status": 1]).status == .ok)
            #expect(try await served().fallback)
            #expect(try await Article.find(article, on: app.db)?.status == .published)
        }
    }
}
