/// An account's search vocabulary: the folded words of its published translations, each counted per folder (how
/// many translations use it), for typo correction and type-ahead. Kept in step with the knowledge base in place
/// (`update`), like `SearchIndex`. A reader's `TypoCorrector` is a view of it that counts only the folders the reader
/// may see, so a word used only where a reader may not look never shapes their answers.
public final class SearchWords: @unchecked Sendable {
    /// Body words read per translation: enough for the vocabulary visitors type, bounded for large knowledge bases.
    public static let bodyWordsPerTranslation = 400

    /// A published translation as the vocabulary reads it: folded title and body, and its article's folder.
    public struct Translation: Sendable {
        public let translationID: Int
        public let articleID: Int
        public let folderID: Int
        public let title: String
        public let body: String

        public init(translationID: Int, articleID: Int, folderID: Int, title: String, body: String) {
            self.translationID = translationID
            self.articleID = articleID
            self.folderID = folderID
            self.title = title
            self.body = body
        }
    }

    private let lock = ReadWriteLock()
    private var wordIDs: [String: Int32] = [:]
    private var words: [String] = []
    /// Per word id, how many translations of each folder use it (folders with none left out).
    private var uses: [[(folder: Int, translations: Int32)]] = []
    /// Every word ever counted, in order (a word no longer used keeps its place, with no uses), but for the words
    /// added since the last `sortAdded` (`unsortedWords`): inserting each new word in order would move the whole
    /// array each time, which made a fresh build quadratic in the size of the vocabulary.
    private var sortedWords: [String] = []
    private var unsortedWords: [String] = []
    /// One-deletion variants of words of `TypoCorrector.minimumLength` letters or more, to the words they come from.
    private var byDeletion = DeletionTable()
    /// Per translation, its folder and the words it counts towards, so that removing it takes back exactly those.
    private var counted: [Int: (folder: Int, words: [Int32])] = [:]
    private var articleTranslations: [Int: [Int]] = [:]

    public init() {}

    /// A vocabulary of one folder (id 0) using each word as often as `frequency` says.
    convenience init(frequency: [String: Int]) {
        self.init()
        for (word, count) in frequency where count > 0 {
            let id = wordID(word)
            uses[Int(id)] = [(folder: 0, translations: Int32(clamping: count))]
        }
        sortAddedLocked()
    }

    /// Adds translations one at a time (a full build, read in chunks); `sortAdded()` once they are all in puts
    /// their new words in order (a prefix search would otherwise do it first).
    public func add(_ translation: Translation) {
        lock.withWriteLock { addLocked(translation) }
    }

    /// Puts the words added since the last call in order among the others.
    public func sortAdded() {
        lock.withWriteLock { sortAddedLocked() }
    }

    private func sortAddedLocked() {
        guard !unsortedWords.isEmpty else { return }
        let added = unsortedWords.sorted()
        unsortedWords = []
        var merged: [String] = []
        merged.reserveCapacity(sortedWords.count + added.count)
        var old = 0, new = 0
        while old < sortedWords.count, new < added.count {
            if sortedWords[old] < added[new] {
                merged.append(sortedWords[old])
                old += 1
            } else {
                merged.append(added[new])
                new += 1
            }
        }
        merged.append(contentsOf: sortedWords[old...])
        merged.append(contentsOf: added[new...])
        sortedWords = merged
    }

    /// Replaces the translations of each article in `articles` with the ones given (its published translations now;
    /// none when it was unpublished or deleted).
    public func update(articles: [Int: [Translation]]) {
        lock.withWriteLock {
            for (articleID, translations) in articles {
                for translationID in articleTranslations.removeValue(forKey: articleID) ?? [] { removeLocked(translationID) }
                for translation in translations where translation.articleID == articleID { addLocked(translation) }
            }
            sortAddedLocked()
        }
    }

    /// The corrector of a reader admitted to `folders` (folder ids).
    public func corrector(folders: Set<Int>) -> TypoCorrector {
        TypoCorrector(words: self, folders: folders)
    }

    private func wordID(_ word: String) -> Int32 {
        if let id = wordIDs[word] { return id }
        let id = Int32(words.count)
        wordIDs[word] = id
        words.append(word)
        uses.append([])
        unsortedWords.append(word)
        if word.count >= TypoCorrector.minimumLength {
            for variant in TypoCorrector.deletions(of: word) { byDeletion.insert(variant, id: id) }
        }
        return id
    }

    private func addLocked(_ translation: Translation) {
        if counted[translation.translationID] != nil { removeLocked(translation.translationID) }
        var distinct = Set(SearchText.words(translation.title))
        distinct.formUnion(SearchText.words(translation.body).prefix(Self.bodyWordsPerTranslation))
        var ids: [Int32] = []
        ids.reserveCapacity(distinct.count)
        for word in distinct where word.count <= SearchText.maximumTermLength {
            let id = wordID(word)
            ids.append(id)
            if let entry = uses[Int(id)].firstIndex(where: { $0.folder == translation.folderID }) {
                uses[Int(id)][entry].translations += 1
            } else {
                uses[Int(id)].append((folder: translation.folderID, translations: 1))
            }
        }
        counted[translation.translationID] = (translation.folderID, ids)
        articleTranslations[translation.articleID, default: []].append(translation.translationID)
    }

    private func removeLocked(_ translationID: Int) {
        guard let removed = counted.removeValue(forKey: translationID) else { return }
        for id in removed.words {
            guard let entry = uses[Int(id)].firstIndex(where: { $0.folder == removed.folder }) else { continue }
            uses[Int(id)][entry].translations -= 1
            if uses[Int(id)][entry].translations == 0 { uses[Int(id)].remove(at: entry) }
        }
    }

    // MARK: What a corrector reads (each call under the read lock)

    /// How many translations of `folders` (`nil`: all) use `word`; `nil` when none does.
    func frequency(_ word: String, folders: Set<Int>?) -> Int? {
        lock.withReadLock { wordIDs[word].flatMap { visibleUses($0, folders: folders) } }
    }

    private func visibleUses(_ id: Int32, folders: Set<Int>?) -> Int? {
        var total = 0
        for use in uses[Int(id)] where folders?.contains(use.folder) ?? true { total += Int(use.translations) }
        return total > 0 ? total : nil
    }

    /// Calls `body` with each visible word starting with `prefix`, in order, and its uses, until `body` says stop.
    func eachWord(withPrefix prefix: String, folders: Set<Int>?, _ body: (String, Int) -> Bool) {
        if lock.withReadLock({ !unsortedWords.isEmpty }) { sortAdded() }
        lock.withReadLock {
            var low = 0, high = sortedWords.count
            while low < high {
                let middle = (low + high) / 2
                if sortedWords[middle] < prefix { low = middle + 1 } else { high = middle }
            }
            while low < sortedWords.count, sortedWords[low].hasPrefix(prefix) {
                let word = sortedWords[low]
                low += 1
                guard let id = wordIDs[word], let count = visibleUses(id, folders: folders) else { continue }
                guard body(word, count) else { return }
            }
        }
    }

    /// The visible words one of `variants` is a deletion of, with their uses.
    func wordsDeleting(to variants: [String], folders: Set<Int>?) -> [String: Int] {
        lock.withReadLock {
            var found: [String: Int] = [:]
            for variant in variants {
                byDeletion.candidates(variant) { id in
                    let word = words[Int(id)]
                    guard TypoCorrector.isDeletion(variant, of: word), let count = visibleUses(id, folders: folders) else { return }
                    found[word] = count
                }
            }
            return found
        }
    }

    /// About how many bytes of resident memory the vocabulary takes (`HeapSize`), for the memory budget.
    public var estimatedBytes: Int {
        lock.withReadLock {
            var bytes = HeapSize.hashTable(keyAndValueStride: MemoryLayout<String>.stride + MemoryLayout<Int32>.stride, capacity: wordIDs.capacity)
            bytes += HeapSize.array(of: String.self, capacity: words.capacity) + HeapSize.array(of: String.self, capacity: sortedWords.capacity)
                + HeapSize.array(of: String.self, capacity: unsortedWords.capacity)
            // Each word's text is held once (the dictionary key, `words` and `sortedWords` share a large string's buffer).
            for word in words { bytes += HeapSize.string(word) }
            bytes += HeapSize.array(of: [(folder: Int, translations: Int32)].self, capacity: uses.capacity)
            for use in uses { bytes += HeapSize.array(of: (folder: Int, translations: Int32).self, capacity: use.capacity) }
            bytes += byDeletion.estimatedBytes
            bytes += HeapSize.hashTable(keyAndValueStride: MemoryLayout<Int>.stride + MemoryLayout<(folder: Int, words: [Int32])>.stride, capacity: counted.capacity)
            for entry in counted.values { bytes += HeapSize.array(of: Int32.self, capacity: entry.words.capacity) }
            bytes += HeapSize.hashTable(keyAndValueStride: MemoryLayout<Int>.stride + MemoryLayout<[Int]>.stride, capacity: articleTranslations.capacity)
            for translations in articleTranslations.values { bytes += HeapSize.array(of: Int.self, capacity: translations.capacity) }
            return HeapSize.resident(bytes)
        }
    }
}
