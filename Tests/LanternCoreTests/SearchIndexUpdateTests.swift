import Foundation
import Testing
@testable import LanternCore

/// Updates in place (`SearchIndex.update`, `SearchWords.update`) answer exactly as a fresh build of the same
/// knowledge base: results, order, totals, hits, corrections and completions, for every kind of reader.
@Suite("Search structures updated in place")
struct SearchIndexUpdateTests {
    /// A small deterministic generator (SplitMix64), so that a failure can be replayed.
    struct Generator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
        mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }
    }

    static let vocabulary = ["password", "passport", "reset", "change", "invoice", "billing", "refund", "account", "login",
                             "security", "settings", "export", "import", "report", "widget", "mobile", "payment", "card",
                             "paper", "parcel", "delivery", "shipping", "returns", "garantie", "remboursement", "facture",
                             "changing", "changes", "resetting", "accounts", "exported", "Crème", "brûlée", "Ünïcode", "q"]

    /// The knowledge base as the database would hold it: articles with translations, folders.
    struct KnowledgeBase {
        struct Translation {
            var id: Int
            var language: String
            var title: String
            var body: String
        }

        struct Article {
            var folder: Int
            var primary: String
            var published: Bool
            var translations: [Translation]
        }

        var folders: [Int: SearchIndex.Folder] = [
            1: .init(categoryID: 10, visibility: .allUsers, companyIDs: []),
            2: .init(categoryID: 10, visibility: .loggedInUsers, companyIDs: []),
            3: .init(categoryID: 20, visibility: .selectedCompanies, companyIDs: [7]),
            4: .init(categoryID: 20, visibility: .agents, companyIDs: []),
        ]
        var articles: [Int: Article] = [:]
        var nextTranslation = 1

        /// The published translations of `id` as the index reads them.
        func documents(_ id: Int) -> [SearchIndex.Document] {
            guard let article = articles[id], article.published else { return [] }
            return article.translations.map { translation in
                SearchIndex.Document(translationID: translation.id, articleID: id, folderID: article.folder, language: translation.language,
                                     primaryLanguage: article.primary, title: SearchText.fold(translation.title),
                                     body: SearchText.fold(translation.body), displayTitle: translation.title, displayText: translation.body)
            }
        }

        var allDocuments: [SearchIndex.Document] {
            articles.keys.sorted().flatMap(documents).sorted { $0.translationID < $1.translationID }
        }

        func fresh() -> SearchIndex { SearchIndex(documents: allDocuments, folders: folders) }

        func freshWords() -> SearchWords {
            let words = SearchWords()
            for document in allDocuments { words.add(SearchIndexUpdateTests.translation(document)) }
            return words
        }

        mutating func text(_ random: inout Generator, words: ClosedRange<Int>) -> String {
            (0..<(words.lowerBound + random.below(words.count))).map { _ in random.pick(SearchIndexUpdateTests.vocabulary) }
                .joined(separator: " ")
        }

        mutating func translation(_ random: inout Generator, language: String) -> Translation {
            defer { nextTranslation += 1 }
            return Translation(id: nextTranslation, language: language, title: text(&random, words: 1...4), body: text(&random, words: 0...30))
        }

        mutating func newArticle(_ id: Int, _ random: inout Generator) {
            let primary = random.pick(["en", "fr"])
            var translations = [translation(&random, language: primary)]
            if random.below(3) == 0 { translations.append(translation(&random, language: primary == "en" ? "fr" : "en")) }
            articles[id] = Article(folder: random.pick(Array(folders.keys)), primary: primary, published: random.below(5) != 0,
                                   translations: translations)
        }

        /// One random change, as an agent would make it; returns the articles whose documents changed.
        mutating func change(_ random: inout Generator) -> Set<Int> {
            let id = 1 + random.below(80)
            guard var article = articles[id] else {
                newArticle(id, &random)
                return [id]
            }
            switch random.below(9) {
            case 0: article.published.toggle()
            case 1: article.folder = random.pick(Array(folders.keys))
            case 2:
                articles[id] = nil
                return [id]
            case 3:
                let visibility = random.pick([FolderVisibility.allUsers, .loggedInUsers, .selectedCompanies, .agents])
                let folder = random.pick(Array(folders.keys))
                folders[folder] = .init(categoryID: random.pick([10, 20]), visibility: visibility, companyIDs: random.below(2) == 0 ? [7] : [8])
                return []
            case 4:
                folders[5 + folders.count] = .init(categoryID: 30, visibility: .allUsers, companyIDs: [])
                return []
            case 5:
                if article.translations.count == 1 {
                    article.translations.append(translation(&random, language: article.primary == "en" ? "fr" : "en"))
                } else {
                    article.translations.removeLast()
                }
            default:
                let which = random.below(article.translations.count)
                if random.below(2) == 0 { article.translations[which].title = text(&random, words: 1...4) }
                article.translations[which].body = text(&random, words: 0...30)
            }
            articles[id] = article
            return [id]
        }
    }

    static func translation(_ document: SearchIndex.Document) -> SearchWords.Translation {
        .init(translationID: document.translationID, articleID: document.articleID, folderID: document.folderID,
              title: document.title, body: document.body)
    }

    static let filters: [SearchIndex.Filter] = [
        .init(categoryIDs: [], viewer: .anonymous, language: "en"),
        .init(categoryIDs: [], viewer: .contact(companyIDs: [7]), language: "fr"),
        .init(categoryIDs: [], viewer: .agent, language: "de"),
        .init(categoryIDs: [20, 30], viewer: .contact(companyIDs: []), language: "en"),
    ]

    static let queries = ["password ", "reset password ", "pa", "chang", "refund card ", "creme brulee ", "unicode",
                          "report export zzz ", "q ", "facture garantie "]

    static func answers(_ index: SearchIndex) -> [SearchIndex.Result] {
        filters.flatMap { filter in
            queries.flatMap { query in
                [index.search(SearchQuery(query), filter: filter, offset: 0, limit: 5),
                 index.search(SearchQuery(query), filter: filter, offset: 3, limit: 4)]
            }
        }
    }

    static func corrections(_ words: SearchWords, folders: [Int: SearchIndex.Folder]) -> [[String]] {
        filters.flatMap { filter in
            let corrector = words.corrector(folders: Set(folders.filter { filter.admits($0.value) }.keys))
            return ["pasword", "chnage", "refnd", "exportd", "remboursment"].map { corrector.corrections(for: $0) }
                + ["pa", "re", "ch", "cr", "q"].map { corrector.completions(of: $0, limit: 3) }
                + [["\(corrector.contains("password"))", "\(corrector.hasWord(withPrefix: "garan"))"]]
        }
    }

    @Test("After any sequence of edits, the index and the vocabulary answer exactly as fresh builds", arguments: [1, 2, 3])
    func matchesFreshBuild(seed: UInt64) {
        var random = Generator(state: seed)
        var base = KnowledgeBase()
        for id in 1...60 { base.newArticle(id, &random) }
        let index = base.fresh()
        let words = base.freshWords()
        for step in 1...2_000 {
            let changed = base.change(&random)
            let articles = Dictionary(uniqueKeysWithValues: changed.map { ($0, base.documents($0)) })
            index.update(folders: base.folders, articles: articles)
            words.update(articles: articles.mapValues { $0.map(Self.translation) })
            guard step % 100 == 0 else { continue }
            let fresh = base.fresh()
            #expect(index.isExact)
            #expect(index.documentCount == fresh.documentCount, "step \(step)")
            #expect(Self.answers(index) == Self.answers(fresh), "step \(step)")
            #expect(Self.corrections(words, folders: base.folders) == Self.corrections(base.freshWords(), folders: base.folders), "step \(step)")
        }
    }

    @Test("A document indexed under other words than its text gives is never served once removed, and the index asks to be built afresh")
    func inexactRemoval() {
        let folders: [Int: SearchIndex.Folder] = [1: .init(categoryID: 10, visibility: .allUsers, companyIDs: [])]
        // Folded by another version of the rules: the search text says "zebra", the shown text does not.
        let odd = SearchIndex.Document(translationID: 1, articleID: 1, folderID: 1, language: "en", primaryLanguage: "en",
                                       title: "zebra", body: "", displayTitle: "Horse", displayText: "")
        let index = SearchIndex(documents: [odd], folders: folders)
        let anyone = SearchIndex.Filter(categoryIDs: [], viewer: .agent, language: "en")
        #expect(index.search(SearchQuery("zebra "), filter: anyone, offset: 0, limit: 10).total == 1)
        index.update(folders: folders, articles: [1: []])
        #expect(!index.isExact)
        #expect(index.search(SearchQuery("zebra "), filter: anyone, offset: 0, limit: 10).total == 0)
        #expect(index.documentCount == 0)
    }

    @Test("Updates and searches at once: every search sees the index before or after a whole update")
    func concurrentUpdates() async {
        let folders: [Int: SearchIndex.Folder] = [1: .init(categoryID: 10, visibility: .allUsers, companyIDs: [])]
        @Sendable func document(_ id: Int, _ word: String) -> SearchIndex.Document {
            .init(translationID: id, articleID: id, folderID: 1, language: "en", primaryLanguage: "en", title: word, body: "common words",
                  displayTitle: word, displayText: "common words")
        }
        let index = SearchIndex(documents: (1...50).map { document($0, "first") }, folders: folders)
        let anyone = SearchIndex.Filter(categoryIDs: [], viewer: .anonymous, language: "en")
        // On threads of their own: three loops of seconds of work would hold the concurrency pool (as wide as the
        // machine has cores) and stall every other test running beside this one.
        let updates: @Sendable () -> Bool = {
            for round in 0..<50 {
                let word = round % 2 == 0 ? "second" : "first"
                index.update(folders: folders, articles: Dictionary(uniqueKeysWithValues: (1...50).map { ($0, [document($0, word)]) }))
            }
            return true
        }
        let searches: @Sendable () -> Bool = {
            for _ in 0..<200 {
                let first = index.search(SearchQuery("first "), filter: anyone, offset: 0, limit: 5).total
                let second = index.search(SearchQuery("common "), filter: anyone, offset: 0, limit: 5).total
                guard [0, 50].contains(first), second == 50 else { return false }
            }
            return true
        }
        for consistent in await Self.onThreads([updates, searches, searches]) { #expect(consistent) }
    }

    /// Runs each of `work` on a thread of its own, at once, and gives back their answers in order.
    static func onThreads(_ work: [@Sendable () -> Bool]) async -> [Bool] {
        await withTaskGroup(of: (Int, Bool).self) { group in
            for (position, body) in work.enumerated() {
                group.addTask {
                    await withCheckedContinuation { continuation in
                        Thread { continuation.resume(returning: (position, body())) }.start()
                    }
                }
            }
            var answers = [Bool](repeating: false, count: work.count)
            for await (position, answer) in group { answers[position] = answer }
            return answers
        }
    }
}
