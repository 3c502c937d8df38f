import Foundation
import LanternCore
import Testing
import Vapor
@testable import LanternServer

/// The in-memory index stems each language as PostgreSQL's text search configuration of that language does.
@Suite("Search stemming per language")
struct SearchStemmingTests {
    @Test("Each language the in-memory index stems uses the algorithm of PostgreSQL's configuration for it")
    func sameConfigurations() {
        for (code, configuration) in CreateArticleSearch.postgresConfigurations {
            if let stemmed = Stemmer(language: code).postgresConfiguration { #expect(stemmed == configuration, "\(code)") }
        }
        for stemmer in Stemmer.allCases where stemmer != .none {
            #expect(CreateArticleSearch.postgresConfigurations.values.contains(stemmer.postgresConfiguration ?? ""), "\(stemmer)")
        }
    }

    /// (language, title, body, a query in other forms of the article's words).
    static let articles = [
        ("fr", "Réinitialiser votre mot de passe", "<p>Ouvrez les paramètres du compte.</p>", "réinitialisation paramètre"),
        ("de", "Benachrichtigungen verwalten", "<p>Die Einstellungen Ihres Kontos.</p>", "benachrichtigung einstellung"),
        ("es", "Facturación mensual", "<p>Las facturas se envían cada mes.</p>", "factura enviadas"),
        ("en", "Changing notification emails", "<p>Choose which emails you receive.</p>", "change notifications"),
    ]

    @Test("An article in French, German, Spanish or English is found by other forms of its words, in either engine",
          arguments: [LanternSettings.SearchEngine.memory, .database])
    func otherForms(engine: LanternSettings.SearchEngine) async throws {
        try await withLantern(searchEngine: engine) { app in
            let account = try await makeAccount(app, name: "Stemming")
            let category = SolutionCategory(accountID: account.accountID, name: "Help", description: "", position: 1)
            try await category.create(on: app.db)
            let folder = SolutionFolder(accountID: account.accountID, categoryID: try category.requireID(), name: "Help",
                                        description: "", visibility: .allUsers, position: 1)
            try await folder.create(on: app.db)
            for (language, title, body, query) in Self.articles {
                let (article, _) = try await ArticleStore.create(
                    accountID: account.accountID, folderID: try folder.requireID(), language: language,
                    fields: .init(title: title, description: body, status: .published, tags: []), on: app.db)
                // SQLite's full-text search stems every language with English Porter rules, which leave German and
                // Spanish inflections alone: there only the in-memory index finds those.
                if engine == .database && !TestDatabase.isPostgres && (language == "de" || language == "es") { continue }
                let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! + "%20"
                let response = try await app.widgetGet("widget/v1/widgets/\(account.widgetID)/articles?query=\(encoded)")
                #expect(response.headers.first(name: "Server-Timing")?.contains("search;desc=\(engine.rawValue)") == true)
                #expect(try response.json(HitsBody.self).articles.first?.id == (try article.requireID()), "\(language): \(query)")
            }
        }
    }
}
