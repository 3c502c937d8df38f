import Testing
@testable import LanternCore

@Suite("In-memory search index")
struct SearchIndexTests {
    static let folders: [Int: SearchIndex.Folder] = [
        1: .init(categoryID: 10, visibility: .allUsers, companyIDs: []),
        2: .init(categoryID: 10, visibility: .loggedInUsers, companyIDs: []),
        3: .init(categoryID: 20, visibility: .selectedCompanies, companyIDs: [7]),
        4: .init(categoryID: 20, visibility: .agents, companyIDs: []),
    ]

    static func document(_ id: Int, article: Int? = nil, folder: Int = 1, language: String = "en", primary: String = "en",
                         _ title: String, _ body: String) -> SearchIndex.Document {
        .init(translationID: id, articleID: article ?? id, folderID: folder, language: language, primaryLanguage: primary,
              title: SearchText.fold(title), body: SearchText.fold(body), displayTitle: title, displayText: body)
    }

    static let anonymous = SearchIndex.Filter(categoryIDs: [], viewer: .anonymous, language: "en")

    @Test("Every match of any word is ranked, the fuller and the title matches first; stems match; total counts them all")
    func ranking() {
        let index = SearchIndex(documents: [
            Self.document(1, "Invoices and receipts", "Where your monthly invoice is sent and how to change the address."),
            Self.document(2, "Changing your password", "Open settings, choose security, and change the password."),
            Self.document(3, "Security settings", "Two-factor sign-in. You can change your password here too. Password password."),
            Self.document(4, "Billing address", "Nothing about it."),
        ], folders: Self.folders)
        let result = index.search(SearchQuery("change password "), filter: Self.anonymous, offset: 0, limit: 10)
        #expect(result.translationIDs == [2, 3, 1])
        #expect(result.total == 3)
        // A hit carries what the result shows: the article, its folder and category, the served language, the text.
        #expect(result.hits.first == SearchIndex.Hit(translationID: 2, articleID: 2, folderID: 1, categoryID: 10, language: "en",
                                                     title: "Changing your password",
                                                     text: "Open settings, choose security, and change the password."))
        // A word no article contains does not empty the results.
        let unknown = index.search(SearchQuery("invoice zzzunknown "), filter: Self.anonymous, offset: 0, limit: 10)
        #expect(unknown.translationIDs == [1])
        // Paging.
        let second = index.search(SearchQuery("change "), filter: Self.anonymous, offset: 1, limit: 1)
        #expect(second.total == 3)
        #expect(second.translationIDs.count == 1)
        #expect(index.search(SearchQuery("change "), filter: Self.anonymous, offset: 5, limit: 10) == .init(hits: [], total: 3))
        // A word being typed matches as a prefix.
        #expect(index.search(SearchQuery("receip"), filter: Self.anonymous, offset: 0, limit: 10).translationIDs == [1])
        #expect(index.search(SearchQuery("nothingmatches "), filter: Self.anonymous, offset: 0, limit: 10).total == 0)
    }

    @Test("An article lacking one word of the query but matching the rest in its title ranks above one that mentions them all")
    func coverageIsNoGate() {
        let index = SearchIndex(documents: [
            Self.document(1, "Export your invoices as PDF", "Open billing, pick the invoices and choose export."),
            Self.document(2, "Team settings", "Members, roles and the billing contact. An invoice is sent as PDF; see export for details."),
            Self.document(3, "Notifications", "Choose which emails you receive."),
        ], folders: Self.folders)
        // "csv" is nowhere in article 1, which is still the answer; article 2 has every word, in passing.
        let result = index.search(SearchQuery("export invoices csv pdf "), filter: Self.anonymous, offset: 0, limit: 10)
        #expect(result.translationIDs == [1, 2])
        // Coverage still counts: of two equally strong matches, the one with more of the query's words is first.
        let fuller = SearchIndex(documents: [
            Self.document(1, "Reset", "Reset the router."),
            Self.document(2, "Reset", "Reset the router password."),
        ], folders: Self.folders)
        #expect(fuller.search(SearchQuery("reset password "), filter: Self.anonymous, offset: 0, limit: 10).translationIDs == [2, 1])
    }

    @Test("Each document's words are stemmed in its language, and a query in each language of the index")
    func stemmingPerLanguage() {
        let index = SearchIndex(documents: [
            Self.document(1, language: "fr", primary: "fr", "Réinitialiser le mot de passe", "Les paramètres du compte."),
            Self.document(2, language: "de", primary: "de", "Benutzerkonten", "Einstellungen der Benachrichtigungen."),
            Self.document(3, language: "es", primary: "es", "Facturación", "Las facturas mensuales."),
            Self.document(4, language: "en", primary: "en", "Notifications", "Notified by email."),
        ], folders: Self.folders)
        func found(_ query: String, language: String) -> [Int] {
            index.search(SearchQuery(query), filter: .init(categoryIDs: [], viewer: .anonymous, language: language),
                         offset: 0, limit: 10).translationIDs
        }
        // French: "paramètre" and "paramètres" are one stem ("parametr"), as PostgreSQL's `french` makes them.
        #expect(found("parametre ", language: "fr") == [1])
        #expect(found("reinitialisation ", language: "fr") == [1])
        // German: "Benachrichtigung" → "benachricht"; Spanish: "factura" and "facturas" → "factur".
        #expect(found("benachrichtigung ", language: "de") == [2])
        #expect(found("factura ", language: "es") == [3])
        // English: "notify" and "notifications" share no Porter2 stem, but "notified" → "notifi" = "notify".
        #expect(found("notify ", language: "en") == [4])
    }

    @Test("Visibility and categories: the same rule as the database's condition")
    func visibility() {
        let index = SearchIndex(documents: [
            Self.document(1, folder: 1, "Guide public", "guide"),
            Self.document(2, folder: 2, "Guide members", "guide"),
            Self.document(3, folder: 3, "Guide for company seven", "guide"),
            Self.document(4, folder: 4, "Guide for agents", "guide"),
        ], folders: Self.folders)
        func visible(_ viewer: Viewer, categories: Set<Int> = []) -> Set<Int> {
            Set(index.search(SearchQuery("guide "), filter: .init(categoryIDs: categories, viewer: viewer, language: "en"),
                             offset: 0, limit: 10).translationIDs)
        }
        #expect(visible(.anonymous) == [1])
        #expect(visible(.contact(companyIDs: [])) == [1, 2])
        #expect(visible(.contact(companyIDs: [7])) == [1, 2, 3])
        #expect(visible(.contact(companyIDs: [8])) == [1, 2])
        #expect(visible(.agent) == [1, 2, 3, 4])
        #expect(visible(.bot) == [1])
        #expect(visible(.agent, categories: [20]) == [3, 4])
        // A folder the index does not know (created after it) is never served.
        let orphan = SearchIndex(documents: [Self.document(9, folder: 99, "Guide", "guide")], folders: Self.folders)
        #expect(orphan.search(SearchQuery("guide "), filter: Self.anonymous, offset: 0, limit: 10).total == 0)
    }

    @Test("Documents a reader may not see change neither the ranking's statistics nor the prefix expansion")
    func hiddenDocuments() {
        let visible = [
            Self.document(1, "Guide one", "alpha alpha gamma"),
            Self.document(2, "Guide two", "beta gamma gamma"),
            Self.document(3, "Guide three", "zetazz gamma"),
        ]
        // Agents-only documents full of "alpha" (which would make it common) and of words before "zetazz".
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let hidden = (0..<70).map { number in
            Self.document(100 + number, folder: 4, "Internal \(number)", "alpha zeta\(letters[number / 26])\(letters[number % 26])q")
        }
        let without = SearchIndex(documents: visible, folders: Self.folders)
        let with = SearchIndex(documents: visible + hidden, folders: Self.folders)
        for query in ["alpha beta qqqq ", "zeta", "gamma ", "guide alpha "] {
            let expected = without.search(SearchQuery(query), filter: Self.anonymous, offset: 0, limit: 10)
            #expect(with.search(SearchQuery(query), filter: Self.anonymous, offset: 0, limit: 10) == expected, "\(query)")
        }
        #expect(without.search(SearchQuery("alpha beta qqqq "), filter: Self.anonymous, offset: 0, limit: 10).translationIDs == [1, 2])
        #expect(with.search(SearchQuery("zeta"), filter: Self.anonymous, offset: 0, limit: 10).translationIDs == [3])
        // Control: for agents, who see them, the same documents make "alpha" common and reorder the results.
        let agents = SearchIndex.Filter(categoryIDs: [], viewer: .agent, language: "en")
        #expect(with.search(SearchQuery("alpha beta qqqq "), filter: agents, offset: 0, limit: 2).translationIDs == [2, 1])
    }

    @Test("The served translation: the reader's language, else the primary one")
    func languages() {
        let index = SearchIndex(documents: [
            Self.document(1, article: 1, language: "en", primary: "en", "Refund policy", "refund"),
            Self.document(2, article: 1, language: "fr", primary: "en", "Politique de remboursement refund", "refund"),
            Self.document(3, article: 2, language: "en", primary: "en", "Refund by card", "refund"),
        ], folders: Self.folders)
        func served(_ language: String) -> [Int] {
            index.search(SearchQuery("refund "), filter: .init(categoryIDs: [], viewer: .anonymous, language: language),
                         offset: 0, limit: 10).translationIDs.sorted()
        }
        #expect(served("en") == [1, 3])
        #expect(served("fr") == [2, 3])
        #expect(served("de") == [1, 3])
        let french = index.search(SearchQuery("refund "), filter: .init(categoryIDs: [], viewer: .anonymous, language: "fr"), offset: 0, limit: 10)
        #expect(french.hits.first { $0.articleID == 1 }.map { [$0.language, $0.title] } == ["fr", "Politique de remboursement refund"])
    }
}
