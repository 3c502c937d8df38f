import Foundation

/// An in-memory full-text index of one account's published article translations, for searches that must take
/// well under a millisecond however common the words are. Words are folded (`SearchText.words`) and stemmed by
/// their document's language (`Stemmer`, as PostgreSQL's text search configurations do); every document matching
/// any word of the query is ranked (`relevance`): BM25 with the title weighted ten times the body, and covering more
/// of the query's words a strong signal. BM25's statistics (document count, average length, each term's document
/// frequency) are those of the documents the filter admits, so that nothing a reader may not see changes their
/// ranking. Kept in step with the knowledge base in place (`update`): an
/// article's translations are replaced, a folder's visibility changed, without a rebuild; any number of searches run
/// at once, and an update waits for them and then makes them wait (`ReadWriteLock`). After any sequence of updates,
/// every search answers exactly as a fresh build of the same documents would.
public final class SearchIndex: @unchecked Sendable {
    /// A folder as the visibility rule needs it.
    public struct Folder: Sendable {
        public let categoryID: Int
        public let visibility: FolderVisibility
        public let companyIDs: Set<Int>

        public init(categoryID: Int, visibility: FolderVisibility, companyIDs: Set<Int>) {
            self.categoryID = categoryID
            self.visibility = visibility
            self.companyIDs = companyIDs
        }
    }

    /// A published article translation: its folded title and body (what is searched), its title and plain text as
    /// shown (what a hit answers with), and what decides who may read it.
    public struct Document: Sendable {
        public let translationID: Int
        public let articleID: Int
        public let folderID: Int
        public let language: String
        public let primaryLanguage: String
        public let title: String
        public let body: String
        public let displayTitle: String
        public let displayText: String

        public init(translationID: Int, articleID: Int, folderID: Int, language: String, primaryLanguage: String,
                    title: String, body: String, displayTitle: String, displayText: String) {
            self.translationID = translationID
            self.articleID = articleID
            self.folderID = folderID
            self.language = language
            self.primaryLanguage = primaryLanguage
            self.title = title
            self.body = body
            self.displayTitle = displayTitle
            self.displayText = displayText
        }
    }

    /// Who is reading, in which language, through which categories: the in-memory twin of the widget's SQL
    /// visibility condition.
    public struct Filter: Sendable {
        public let categoryIDs: Set<Int>
        public let viewer: Viewer
        public let language: String

        /// `categoryIDs` empty means every category.
        public init(categoryIDs: Set<Int>, viewer: Viewer, language: String) {
            self.categoryIDs = categoryIDs
            self.viewer = viewer
            self.language = language
        }

        /// Whether the reader may see `folder` through these categories.
        public func admits(_ folder: Folder) -> Bool {
            (categoryIDs.isEmpty || categoryIDs.contains(folder.categoryID))
                && VisibilityRule.canSee(folder.visibility, folderCompanyIDs: folder.companyIDs, viewer: viewer)
        }
    }

    /// A matching translation as a search result shows it.
    public struct Hit: Sendable, Equatable {
        public let translationID: Int
        public let articleID: Int
        public let folderID: Int
        public let categoryID: Int
        public let language: String
        public let title: String
        /// The plain text, for the snippet.
        public let text: String
    }

    /// One page of results, best first, and how many visible translations match in all.
    public struct Result: Sendable, Equatable {
        public let hits: [Hit]
        public let total: Int

        public var translationIDs: [Int] { hits.map(\.translationID) }
    }

    fileprivate struct Posting {
        let document: Int32
        let title: UInt8
        let body: UInt8
    }

    fileprivate struct DocumentInfo {
        let translationID: Int
        let articleID: Int
        let folder: Int32
        let language: Int16
        let primaryLanguage: Int16
    }

    fileprivate struct Display {
        let title: String
        let text: String
    }

    /// Every document slot; a removed document keeps its slot (no posting refers to it) until `compact`.
    private var documents: [DocumentInfo]
    /// What each document's hit shows, apart from `documents` so that ranking scans stay compact.
    private var displays: [Display]
    /// Each folder slot's folder id.
    private var folderIDs: [Int]
    private var languageCodes: [String]
    /// Bit `l` set: the article has a translation in language `l` (languages past 63 share the last bit, which
    /// only makes the fallback to the primary language more cautious).
    private var articleLanguages: [Int: UInt64]
    private var folders: [Folder]
    private var languageIDs: [String: Int16]
    /// Per language, how many documents are in it or have it as their primary language (twice when both): a query
    /// word is stemmed with the stemmer of each language in use, as a fresh build of the same documents would.
    private var languageUses: [Int]
    private var termIDs: [String: Int32]
    private var sortedTerms: [(term: String, id: Int32)]
    private var postings: [[Posting]]
    /// Each document's number of words.
    private var lengths: [Float]
    /// Each document's folder slot (`documents[i].folder`, compact for the scans of postings).
    private var documentFolders: [Int32]
    /// Each folder slot's number of documents and of words, for the statistics of the admitted documents.
    private var folderDocuments: [Int]
    private var folderWords: [Double]
    /// Per term, how many documents of each folder slot contain it (slots without any left out): a term's document
    /// frequency among the admitted documents without a pass over its postings.
    private var termFolderCounts: [[(slot: Int32, documents: Int32)]]
    /// What updates in place need: each folder's slot, each document's number of distinct terms (0 once removed),
    /// each article's document slots, how many slots are removed.
    private var folderSlots: [Int: Int32]
    private var distinctTerms: [Int32]
    private var articleSlots: [Int: [Int32]]
    private var removedDocuments = 0
    /// The folder slot removed documents are moved to: never admitted, so a search can never reach one.
    private let removedSlot: Int32
    /// False once an update found a document's postings other than its text gives (text folded by another version
    /// of the rules): the index must then be built afresh.
    private var exact = true
    private let lock = ReadWriteLock()

    /// The documents searched (removed ones left out).
    public var documentCount: Int { lock.withReadLock { documents.count - removedDocuments } }

    /// Whether every update so far could be applied exactly; when not, build the index afresh.
    public var isExact: Bool { lock.withReadLock { exact } }

    static let titleWeight: Float = 10
    static let k1: Float = 1.2
    static let b: Float = 0.75
    /// Most index terms a prefix expands to.
    static let maximumPrefixExpansion = 64

    /// Builds an index from documents added one at a time, so that a large knowledge base can be read in chunks.
    public struct Builder {
        fileprivate var folderSlots: [Int: Int32] = [:]
        fileprivate var folders: [Folder] = []
        fileprivate var folderIDs: [Int] = []
        fileprivate var displays: [Display] = []
        /// Each document's number of words.
        fileprivate var lengths: [Float] = []
        fileprivate var languageIDs: [String: Int16] = [:]
        fileprivate var termIDs: [String: Int32] = [:]
        /// Each stemmer's words seen so far, and their terms.
        private var stems: [Stemmer: [String: Int32]] = [:]
        fileprivate var postings: [[Posting]] = []
        fileprivate var documents: [DocumentInfo] = []
        fileprivate var articleLanguages: [Int: UInt64] = [:]
        fileprivate var distinctTerms: [Int32] = []
        fileprivate var articleSlots: [Int: [Int32]] = [:]
        private var counts: [Int32: (title: Int, body: Int)] = [:]

        /// `folders`: every folder of the account; documents in other folders are left out.
        public init(folders: [Int: Folder]) {
            for (id, folder) in folders.sorted(by: { $0.key < $1.key }) {
                folderSlots[id] = Int32(self.folders.count)
                self.folders.append(folder)
                folderIDs.append(id)
            }
        }

        public mutating func add(_ document: Document) {
            guard let folder = folderSlots[document.folderID] else { return }
            let index = Int32(documents.count)
            counts.removeAll(keepingCapacity: true)
            let stemmer = Stemmer(language: document.language)
            let length = add(document.title, title: true, stemmer: stemmer) + add(document.body, title: false, stemmer: stemmer)
            for (term, count) in counts {
                postings[Int(term)].append(Posting(document: index, title: UInt8(min(count.title, 255)), body: UInt8(min(count.body, 255))))
            }
            distinctTerms.append(Int32(counts.count))
            articleSlots[document.articleID, default: []].append(index)
            let language = languageID(document.language)
            articleLanguages[document.articleID, default: 0] |= 1 << UInt64(min(Int(language), 63))
            documents.append(DocumentInfo(translationID: document.translationID, articleID: document.articleID, folder: folder,
                                          language: language, primaryLanguage: languageID(document.primaryLanguage)))
            lengths.append(Float(length))
            displays.append(Display(title: document.displayTitle, text: document.displayText))
        }

        /// Counts the terms of `text` (its words stemmed by `stemmer`) into `counts`; returns its number of words.
        private mutating func add(_ text: String, title: Bool, stemmer: Stemmer) -> Int {
            SearchIndex.eachWord(of: text) { word in
                let id: Int32
                if let known = stems[stemmer]?[word] {
                    id = known
                } else {
                    let stem = stemmer.stem(word)
                    if let existing = termIDs[stem] {
                        id = existing
                    } else {
                        id = Int32(postings.count)
                        termIDs[stem] = id
                        postings.append([])
                    }
                    stems[stemmer, default: [:]][word] = id
                }
                if title { counts[id, default: (0, 0)].title += 1 } else { counts[id, default: (0, 0)].body += 1 }
            }
        }

        private mutating func languageID(_ code: String) -> Int16 {
            if let id = languageIDs[code] { return id }
            let id = Int16(languageIDs.count)
            languageIDs[code] = id
            return id
        }

        public func finish() -> SearchIndex { SearchIndex(self) }
    }

    /// Calls `body` with each indexed word of `text` (folded; words longer than `SearchText.maximumTermLength` are
    /// counted but not indexed); returns the number of words.
    @discardableResult
    static func eachWord(of text: String, _ body: (String) -> Void) -> Int {
        let words = SearchText.words(text)
        for word in words where word.utf8.count <= SearchText.maximumTermLength { body(word) }
        return words.count
    }

    public convenience init(documents: [Document], folders: [Int: Folder]) {
        var builder = Builder(folders: folders)
        for document in documents { builder.add(document) }
        self.init(builder)
    }

    private init(_ builder: Builder) {
        folderSlots = builder.folderSlots
        distinctTerms = builder.distinctTerms
        articleSlots = builder.articleSlots
        documents = builder.documents
        displays = builder.displays
        folderIDs = builder.folderIDs
        var codes = [String](repeating: "", count: builder.languageIDs.count)
        for (code, id) in builder.languageIDs { codes[Int(id)] = code }
        languageCodes = codes
        articleLanguages = builder.articleLanguages
        folders = builder.folders
        languageIDs = builder.languageIDs
        var uses = [Int](repeating: 0, count: builder.languageIDs.count)
        for info in builder.documents {
            uses[Int(info.language)] += 1
            uses[Int(info.primaryLanguage)] += 1
        }
        languageUses = uses
        termIDs = builder.termIDs
        sortedTerms = builder.termIDs.map { (term: $0.key, id: $0.value) }.sorted { $0.term < $1.term }
        postings = builder.postings
        lengths = builder.lengths
        documentFolders = builder.documents.map(\.folder)
        var documentsPerFolder = [Int](repeating: 0, count: builder.folders.count)
        var wordsPerFolder = [Double](repeating: 0, count: builder.folders.count)
        for (info, length) in zip(builder.documents, builder.lengths) {
            documentsPerFolder[Int(info.folder)] += 1
            wordsPerFolder[Int(info.folder)] += Double(length)
        }
        folderDocuments = documentsPerFolder
        folderWords = wordsPerFolder
        removedSlot = Int32(builder.folders.count)
        var scratch = [Int32](repeating: 0, count: builder.folders.count)
        termFolderCounts = builder.postings.map { list in
            var slots: [Int32] = []
            for posting in list {
                let slot = builder.documents[Int(posting.document)].folder
                if scratch[Int(slot)] == 0 { slots.append(slot) }
                scratch[Int(slot)] += 1
            }
            defer { for slot in slots { scratch[Int(slot)] = 0 } }
            return slots.map { (slot: $0, documents: scratch[Int($0)]) }
        }
        // The slot of removed documents, which no reader is admitted to (see `admittedFolders`).
        folders.append(Folder(categoryID: -1, visibility: .agents, companyIDs: []))
        folderIDs.append(-1)
        folderDocuments.append(0)
        folderWords.append(0)
    }

    /// The page `offset..<offset+limit` of the visible translations matching any word of `query`, best first
    /// (`relevance`), and how many there are.
    public func search(_ query: SearchQuery, filter: Filter, offset: Int, limit: Int) -> Result {
        lock.withReadLock { searchLocked(query, filter: filter, offset: offset, limit: limit) }
    }

    private func searchLocked(_ query: SearchQuery, filter: Filter, offset: Int, limit: Int) -> Result {
        guard !query.isEmpty, !documents.isEmpty else { return Result(hits: [], total: 0) }
        let admitted = admittedFolders(filter)
        let stemmers = stemmersInUse()
        let groups = query.groups.enumerated().map { index, group in
            terms(for: group, prefixFirst: query.lastIsPrefix && index == query.groups.count - 1, stemmers: stemmers, admitted: admitted)
        }
        return rank(groups, admitted: admitted, served: languageIDs[filter.language], offset: offset, limit: limit)
    }

    /// The stemmers of the languages the documents are in or have as their primary language, each once.
    private func stemmersInUse() -> [Stemmer] {
        var used = Set<Stemmer>()
        for (code, id) in languageIDs where languageUses[Int(id)] > 0 { used.insert(Stemmer(language: code)) }
        return Stemmer.allCases.filter { $0 != .none && used.contains($0) }
    }

    /// The index terms of one query group: each word as written and stemmed for each language in use (as PostgreSQL
    /// searches a query in each of the account's languages and `simple`), the first also as a prefix when still being
    /// typed (only terms of admitted documents count towards the expansion's bound).
    private func terms(for group: [String], prefixFirst: Bool, stemmers: [Stemmer], admitted: [Bool]) -> [Int32] {
        var ids: [Int32] = []
        for (position, word) in group.enumerated() {
            if let id = termIDs[word] { ids.append(id) }
            for stemmer in stemmers {
                if let id = termIDs[stemmer.stem(word)] { ids.append(id) }
            }
            if prefixFirst && position == 0 {
                var low = 0, high = sortedTerms.count
                while low < high {
                    let middle = (low + high) / 2
                    if sortedTerms[middle].term < word { low = middle + 1 } else { high = middle }
                }
                var expanded = 0
                while low < sortedTerms.count, expanded < Self.maximumPrefixExpansion, sortedTerms[low].term.hasPrefix(word) {
                    let id = sortedTerms[low].id
                    low += 1
                    guard termFolderCounts[Int(id)].contains(where: { admitted[Int($0.slot)] }) else { continue }
                    ids.append(id)
                    expanded += 1
                }
            }
        }
        var unique: [Int32] = []
        for id in ids where !unique.contains(id) { unique.append(id) }
        return unique
    }

    private func admittedFolders(_ filter: Filter) -> [Bool] {
        var admitted = folders.map(filter.admits)
        admitted[Int(removedSlot)] = false
        return admitted
    }

    /// Whether the translation is the one served: in the reader's language, or the primary one when the article
    /// has none in that language.
    private func isServed(_ document: DocumentInfo, language served: Int16?) -> Bool {
        guard let served else { return document.language == document.primaryLanguage }
        if document.language == served { return true }
        guard document.language == document.primaryLanguage else { return false }
        let mask = articleLanguages[document.articleID] ?? 0
        return mask & (1 << UInt64(min(Int(served), 63))) == 0
    }

    /// What one search has gathered about one document, 8 bytes so that a pass over many postings stays in cache.
    private struct Accumulator {
        var score: Float = 0
        var groupsMatched: UInt8 = 0
        var titleGroupsMatched: UInt8 = 0
        /// The last group (1-based) that matched, in any field and in the title.
        var lastGroup: UInt8 = 0
        var lastTitleGroup: UInt8 = 0
    }

    /// FTS5's idf over `count` documents of which `hits` contain the term, floored just above zero so that a word
    /// in most documents still counts a little.
    private static func inverseDocumentFrequency(hits: Int, count: Int) -> Float {
        max(1e-6, logf((Float(count) - Float(hits) + 0.5) / (Float(hits) + 0.5)))
    }

    /// How well a document matches a query of `groups` words: its BM25 score (the title's occurrences weighted
    /// `titleWeight` times the body's), times the square of the share of the query's words it contains, times one
    /// plus the share of them in its title. Covering more of the query counts for much, but it is not a gate: an
    /// article that lacks one word and matches the others strongly still ranks above one that merely mentions
    /// every word.
    private static func relevance(_ accumulator: Accumulator, groups: Int) -> Float {
        let coverage = Float(accumulator.groupsMatched) / Float(groups)
        let titleCoverage = Float(accumulator.titleGroupsMatched) / Float(groups)
        return accumulator.score * coverage * coverage * (1 + titleCoverage)
    }

    private func rank(_ groups: [[Int32]], admitted: [Bool], served: Int16?, offset: Int, limit: Int) -> Result {
        var accumulators = [Accumulator](repeating: Accumulator(), count: documents.count)
        var touched: [Int32] = []
        touched.reserveCapacity(min(documents.count, groups.joined().reduce(0) { $0 + postings[Int($1)].count }))
        // The statistics of the admitted documents only.
        var admittedCount = 0, admittedWords = 0.0
        for (slot, isAdmitted) in admitted.enumerated() where isAdmitted {
            admittedCount += folderDocuments[slot]
            admittedWords += folderWords[slot]
        }
        let averageLength = Float(max(1, admittedWords / Double(max(admittedCount, 1))))
        let k1 = Self.k1, weight = Self.titleWeight
        // BM25's length normalisation, `k1 * (1 - b + b * length / average length)`, as `base + scale * length`.
        let normBase = k1 * (1 - Self.b), normScale = k1 * Self.b / averageLength
        accumulators.withUnsafeMutableBufferPointer { accumulators in
            lengths.withUnsafeBufferPointer { lengths in
                documentFolders.withUnsafeBufferPointer { folderOf in
                    admitted.withUnsafeBufferPointer { admitted in
                        for (index, group) in groups.enumerated() {
                            let mark = UInt8(index + 1)
                            for term in group {
                                var hits = 0
                                for count in termFolderCounts[Int(term)] where admitted[Int(count.slot)] {
                                    hits += Int(count.documents)
                                }
                                guard hits > 0 else { continue }
                                postings[Int(term)].withUnsafeBufferPointer { list in
                                    let idf = Self.inverseDocumentFrequency(hits: hits, count: admittedCount)
                                    for posting in list {
                                        let document = Int(posting.document)
                                        guard admitted[Int(folderOf[document])] else { continue }
                                        if accumulators[document].lastGroup == 0 { touched.append(posting.document) }
                                        if accumulators[document].lastGroup != mark {
                                            accumulators[document].lastGroup = mark
                                            accumulators[document].groupsMatched &+= 1
                                        }
                                        if posting.title > 0 && accumulators[document].lastTitleGroup != mark {
                                            accumulators[document].lastTitleGroup = mark
                                            accumulators[document].titleGroupsMatched &+= 1
                                        }
                                        let frequency = weight * Float(posting.title) + Float(posting.body)
                                        let norm = normBase + normScale * lengths[document]
                                        accumulators[document].score += idf * frequency * (k1 + 1) / (frequency + norm)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        // (relevance, document) of every visible match.
        var candidates: [(score: Float, document: Int32)] = []
        candidates.reserveCapacity(touched.count)
        for document in touched {
            let index = Int(document), accumulator = accumulators[index]
            let info = documents[index]
            guard admitted[Int(info.folder)], isServed(info, language: served) else { continue }
            candidates.append((Self.relevance(accumulator, groups: groups.count), document))
        }
        let wanted = min(candidates.count, offset + limit)
        guard offset < wanted else { return Result(hits: [], total: candidates.count) }
        func before(_ x: (score: Float, document: Int32), _ y: (score: Float, document: Int32)) -> Bool {
            if x.score != y.score { return x.score > y.score }
            return documents[Int(x.document)].articleID < documents[Int(y.document)].articleID
        }
        if wanted > 256 {
            let sorted = candidates.sorted(by: before)
            return Result(hits: sorted[offset..<wanted].map { hit(Int($0.document)) }, total: candidates.count)
        }
        // Only the first `wanted` need ordering: keep them in a sorted buffer.
        var best: [(score: Float, document: Int32)] = []
        best.reserveCapacity(wanted + 1)
        for candidate in candidates {
            if best.count == wanted, let last = best.last, !before(candidate, last) { continue }
            var low = 0, high = best.count
            while low < high {
                let middle = (low + high) / 2
                if before(best[middle], candidate) { low = middle + 1 } else { high = middle }
            }
            best.insert(candidate, at: low)
            if best.count > wanted { best.removeLast() }
        }
        return Result(hits: best[offset...].map { hit(Int($0.document)) }, total: candidates.count)
    }

    // MARK: Updates in place

    /// Below this many removed document slots the index is never compacted.
    static let compactionFloor = 1_024

    /// Brings the index up to date with a change of the knowledge base: `folders` is every folder of the account now
    /// (as `Builder.init` takes them: a folder's visibility, category and companies), `articles` the published
    /// translations now of each article that changed (an empty list when it was unpublished or deleted). The
    /// articles' previous documents are removed and the new ones added; folders are changed in place.
    public func update(folders newFolders: [Int: Folder], articles: [Int: [Document]]) {
        lock.withWriteLock {
            for (id, folder) in newFolders.sorted(by: { $0.key < $1.key }) {
                if let slot = folderSlots[id] {
                    folders[Int(slot)] = folder
                } else {
                    folderSlots[id] = Int32(folders.count)
                    folders.append(folder)
                    folderIDs.append(id)
                    folderDocuments.append(0)
                    folderWords.append(0)
                }
            }
            for (articleID, replacements) in articles.sorted(by: { $0.key < $1.key }) {
                for slot in articleSlots.removeValue(forKey: articleID) ?? [] { remove(Int(slot)) }
                articleLanguages[articleID] = nil
                for document in replacements.sorted(by: { $0.translationID < $1.translationID }) where document.articleID == articleID {
                    add(document)
                }
            }
            if removedDocuments > max(Self.compactionFloor, (documents.count - removedDocuments) / 2) { compact() }
        }
    }

    private func add(_ document: Document) {
        guard let folder = folderSlots[document.folderID] else { return }
        let slot = Int32(documents.count)
        var counts: [Int32: (title: Int, body: Int)] = [:]
        let stemmer = Stemmer(language: document.language)
        let length = count(document.title, title: true, stemmer: stemmer, into: &counts)
            + count(document.body, title: false, stemmer: stemmer, into: &counts)
        for (term, count) in counts {
            postings[Int(term)].append(Posting(document: slot, title: UInt8(min(count.title, 255)), body: UInt8(min(count.body, 255))))
            if let entry = termFolderCounts[Int(term)].firstIndex(where: { $0.slot == folder }) {
                termFolderCounts[Int(term)][entry].documents += 1
            } else {
                termFolderCounts[Int(term)].append((slot: folder, documents: 1))
            }
        }
        let language = languageID(document.language), primaryLanguage = languageID(document.primaryLanguage)
        articleLanguages[document.articleID, default: 0] |= 1 << UInt64(min(Int(language), 63))
        documents.append(DocumentInfo(translationID: document.translationID, articleID: document.articleID, folder: folder,
                                      language: language, primaryLanguage: primaryLanguage))
        languageUses[Int(language)] += 1
        languageUses[Int(primaryLanguage)] += 1
        lengths.append(Float(length))
        displays.append(Display(title: document.displayTitle, text: document.displayText))
        documentFolders.append(folder)
        distinctTerms.append(Int32(counts.count))
        articleSlots[document.articleID, default: []].append(slot)
        folderDocuments[Int(folder)] += 1
        folderWords[Int(folder)] += Double(length)
    }

    /// Counts the terms of `text` (its words stemmed by `stemmer`) into `counts`, making new terms as needed; returns
    /// its number of words.
    private func count(_ text: String, title: Bool, stemmer: Stemmer, into counts: inout [Int32: (title: Int, body: Int)]) -> Int {
        Self.eachWord(of: text) { word in
            let stem = stemmer.stem(word)
            let id: Int32
            if let known = termIDs[stem] {
                id = known
            } else {
                id = Int32(postings.count)
                termIDs[stem] = id
                postings.append([])
                termFolderCounts.append([])
                var low = 0, high = sortedTerms.count
                while low < high {
                    let middle = (low + high) / 2
                    if sortedTerms[middle].term < stem { low = middle + 1 } else { high = middle }
                }
                sortedTerms.insert((term: stem, id: id), at: low)
            }
            if title { counts[id, default: (0, 0)].title += 1 } else { counts[id, default: (0, 0)].body += 1 }
        }
    }

    private func languageID(_ code: String) -> Int16 {
        if let id = languageIDs[code] { return id }
        let id = Int16(languageIDs.count)
        languageIDs[code] = id
        languageCodes.append(code)
        languageUses.append(0)
        return id
    }

    /// Removes the document in `slot`: its postings (found again from its text, which gives the terms it was indexed
    /// under), its share of the statistics; the slot moves to `removedSlot`.
    private func remove(_ slot: Int) {
        let info = documents[slot], folder = documentFolders[slot], display = displays[slot]
        let stemmer = Stemmer(language: languageCodes[Int(info.language)])
        languageUses[Int(info.language)] -= 1
        languageUses[Int(info.primaryLanguage)] -= 1
        var terms = Set<Int32>()
        for text in [SearchText.fold(display.title), SearchText.fold(display.text)] {
            Self.eachWord(of: text) { word in
                if let id = termIDs[stemmer.stem(word)] { terms.insert(id) }
            }
        }
        var removed: Int32 = 0
        for term in terms {
            let list = Int(term)
            var low = 0, high = postings[list].count
            while low < high {
                let middle = (low + high) / 2
                if postings[list][middle].document < Int32(slot) { low = middle + 1 } else { high = middle }
            }
            guard low < postings[list].count, postings[list][low].document == Int32(slot) else { continue }
            postings[list].remove(at: low)
            removed += 1
            if let entry = termFolderCounts[list].firstIndex(where: { $0.slot == folder }) {
                termFolderCounts[list][entry].documents -= 1
                if termFolderCounts[list][entry].documents == 0 { termFolderCounts[list].remove(at: entry) }
            }
        }
        if removed != distinctTerms[slot] { exact = false }
        folderDocuments[Int(folder)] -= 1
        folderWords[Int(folder)] -= Double(lengths[slot])
        documents[slot] = DocumentInfo(translationID: info.translationID, articleID: info.articleID, folder: removedSlot,
                                       language: info.language, primaryLanguage: info.primaryLanguage)
        documentFolders[slot] = removedSlot
        displays[slot] = Display(title: "", text: "")
        distinctTerms[slot] = 0
        removedDocuments += 1
    }

    /// Drops the slots of removed documents, numbering the others afresh in the same order.
    private func compact() {
        var renumbered = [Int32](repeating: -1, count: documents.count)
        var next: Int32 = 0
        for slot in documents.indices where documentFolders[slot] != removedSlot {
            renumbered[slot] = next
            next += 1
        }
        func kept<T>(_ values: [T]) -> [T] { values.indices.compactMap { renumbered[$0] >= 0 ? values[$0] : nil } }
        documents = kept(documents)
        displays = kept(displays)
        lengths = kept(lengths)
        documentFolders = kept(documentFolders)
        distinctTerms = kept(distinctTerms)
        for list in postings.indices {
            postings[list].removeAll { renumbered[Int($0.document)] < 0 }
            for position in postings[list].indices {
                let posting = postings[list][position]
                postings[list][position] = Posting(document: renumbered[Int(posting.document)], title: posting.title, body: posting.body)
            }
        }
        articleSlots = articleSlots.mapValues { $0.map { renumbered[Int($0)] } }
        removedDocuments = 0
    }

    /// About how many bytes of resident memory the index takes (its arrays, strings and tables: `HeapSize`), for the
    /// memory budget.
    public var estimatedBytes: Int {
        lock.withReadLock {
            var bytes = HeapSize.array(of: DocumentInfo.self, capacity: documents.capacity)
                + HeapSize.array(of: Display.self, capacity: displays.capacity)
                + HeapSize.array(of: Float.self, capacity: lengths.capacity)
                + HeapSize.array(of: Int32.self, capacity: documentFolders.capacity)
                + HeapSize.array(of: Int32.self, capacity: distinctTerms.capacity)
            for display in displays { bytes += HeapSize.string(display.title) + HeapSize.string(display.text) }
            bytes += HeapSize.array(of: [Posting].self, capacity: postings.capacity)
            for list in postings { bytes += HeapSize.array(of: Posting.self, capacity: list.capacity) }
            bytes += HeapSize.array(of: [(slot: Int32, documents: Int32)].self, capacity: termFolderCounts.capacity)
            for counts in termFolderCounts { bytes += HeapSize.array(of: (slot: Int32, documents: Int32).self, capacity: counts.capacity) }
            bytes += HeapSize.hashTable(keyAndValueStride: MemoryLayout<String>.stride + MemoryLayout<Int32>.stride, capacity: termIDs.capacity)
            bytes += HeapSize.array(of: (term: String, id: Int32).self, capacity: sortedTerms.capacity)
            for term in termIDs.keys { bytes += HeapSize.string(term) }
            bytes += HeapSize.hashTable(keyAndValueStride: MemoryLayout<Int>.stride + MemoryLayout<[Int32]>.stride, capacity: articleSlots.capacity)
            for slots in articleSlots.values { bytes += HeapSize.array(of: Int32.self, capacity: slots.capacity) }
            bytes += HeapSize.hashTable(keyAndValueStride: MemoryLayout<Int>.stride + MemoryLayout<UInt64>.stride, capacity: articleLanguages.capacity)
            bytes += HeapSize.hashTable(keyAndValueStride: MemoryLayout<Int>.stride + MemoryLayout<Int32>.stride, capacity: folderSlots.capacity)
            bytes += HeapSize.array(of: Folder.self, capacity: folders.capacity) + folders.count * HeapSize.block(64)
            bytes += HeapSize.array(of: Int.self, capacity: folderIDs.capacity) + 2 * HeapSize.array(of: Int.self, capacity: folderDocuments.capacity)
            return HeapSize.resident(bytes)
        }
    }

    private func hit(_ document: Int) -> Hit {
        let info = documents[document], display = displays[document], folder = Int(info.folder)
        return Hit(translationID: info.translationID, articleID: info.articleID, folderID: folderIDs[folder],
                   categoryID: folders[folder].categoryID, language: languageCodes[Int(info.language)],
                   title: display.title, text: display.text)
    }
}
