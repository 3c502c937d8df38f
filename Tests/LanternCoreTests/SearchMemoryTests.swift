import Foundation
import Testing
@testable import LanternCore

/// The search structures' estimates of their size (`estimatedBytes`, what `LANTERN_SEARCH_MEMORY` is enforced on)
/// match the resident memory they really take: a child process (this test binary, running only
/// `SearchMemoryMeasurement`) builds a dozen small tenants like those of `benchmarks/search-tenants.sh`, drops half,
/// builds more, and compares its resident memory with the sum of the estimates.
@Suite("Search structures' memory estimates")
struct SearchMemoryTests {
    @Test("The estimate of many tenants' structures is within 15 % of the resident memory they take, before and after evictions")
    func estimateMatchesResidentMemory() async throws {
        // At the lowest priority: the measurement takes a while of one core, and other tests measure time.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/usr/bin/nice")
        child.arguments = ["-n", "19", CommandLine.arguments[0], "--testing-library", "swift-testing", "--filter", "SearchMemoryMeasurement"]
        child.environment = ProcessInfo.processInfo.environment.merging([SearchMemoryMeasurement.switchVariable: "1"]) { $1 }
        let output = Pipe()
        child.standardOutput = output
        child.standardError = FileHandle.nullDevice
        try child.run()
        // Waited for on a thread of its own: blocking one of the few threads that run tasks would stall other tests.
        let text = await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
            Thread {
                let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                child.waitUntilExit()
                continuation.resume(returning: text)
            }.start()
        }
        #expect(child.terminationStatus == 0)
        let lines = text.split(separator: "\n").filter { $0.hasPrefix(SearchMemoryMeasurement.prefix) }
        #expect(lines.count == 2, "\(text)")
        for line in lines {
            let fields = line.dropFirst(SearchMemoryMeasurement.prefix.count).split(separator: " ").compactMap { Int($0) }
            let (resident, estimate) = (try #require(fields.first), try #require(fields.last))
            #expect(resident > 60_000_000)  // the tenants were built and kept
            let ratio = Double(estimate) / Double(resident)
            #expect(ratio > 0.85 && ratio < 1.15, "estimate \(estimate) bytes for \(resident) resident")
        }
    }
}

/// Run only in the child process of `SearchMemoryTests` (alone, so that no other test's memory counts).
@Suite("Search memory measurement", .enabled(if: ProcessInfo.processInfo.environment["LANTERN_SEARCH_MEMORY_MEASUREMENT"] == "1"))
struct SearchMemoryMeasurement {
    static let switchVariable = "LANTERN_SEARCH_MEMORY_MEASUREMENT"
    static let prefix = "SEARCH_MEMORY "

    @Test("measure") func measure() throws {
        _ = (SyntheticTenant.vocabularies, SyntheticTenant.cumulativeWeights)
        let start = try Self.residentBytes()
        var tenants: [(SearchWords, SearchIndex)] = []
        for seed in 0..<12 {
            var tenant = SyntheticTenant(seed: UInt64(seed))
            tenants.append(tenant.build())
        }
        try Self.report(resident: Self.residentBytes() - start, tenants)
        // Evict half and build as many again: the freed memory is reused, not added.
        tenants.removeFirst(6)
        for seed in 12..<18 {
            var tenant = SyntheticTenant(seed: UInt64(seed))
            tenants.append(tenant.build())
        }
        try Self.report(resident: Self.residentBytes() - start, tenants)
    }

    static func report(resident: Int, _ tenants: [(SearchWords, SearchIndex)]) {
        let estimate = tenants.reduce(0) { $0 + $1.0.estimatedBytes + $1.1.estimatedBytes }
        print("\(prefix)\(resident) \(estimate)")
    }

    /// Resident bytes after glibc gave back its free pages (as the server does after evictions).
    static func residentBytes() throws -> Int {
        if let trim = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {
            _ = unsafeBitCast(trim, to: (@convention(c) (Int) -> Int32).self)(0)
        }
        let statm = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8).split(separator: " ")
        return try #require(Int(statm[1])) * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}

/// A tenant like `benchmarks/kb/generate.py` makes: 200 articles in ten folders, a tenth of them in French and
/// German as well, titles of 3–7 words and bodies of 200–400 drawn from a Zipf vocabulary of 20,000 made-up words
/// per language.
struct SyntheticTenant {
    static let syllables: [String: [String]] = [
        "en": ["ba", "ce", "di", "fo", "gu", "ha", "ki", "lo", "me", "nu", "pa", "ri", "so", "ta", "ve", "wi"],
        "fr": ["bou", "cha", "dé", "fi", "gné", "lou", "mai", "né", "pie", "qua", "ré", "sé", "tou", "vé"],
        "de": ["bau", "ch", "dor", "fel", "gen", "hau", "kin", "lich", "mer", "nig", "sch", "ter", "ung", "wal"],
    ]
    static let vocabularySize = 20_000
    /// Cumulative Zipf weights (exponent 1.07) of the vocabulary's ranks.
    static let cumulativeWeights: [Double] = {
        var total = 0.0
        return (0..<vocabularySize).map { rank in
            total += 1 / pow(Double(rank + 1), 1.07)
            return total
        }
    }()

    /// One vocabulary per language for every tenant, as `benchmarks/kb/tenants.py` has it.
    static let vocabularies: [String: [String]] = {
        var generator = SearchIndexUpdateTests.Generator(state: 1)
        var vocabularies: [String: [String]] = [:]
        for (language, syllables) in syllables.sorted(by: { $0.key < $1.key }) {
            var words: [String] = [], seen = Set<String>()
            while words.count < vocabularySize {
                let word = (0..<(2 + generator.below(3))).map { _ in generator.pick(syllables) }.joined()
                if seen.insert(word).inserted { words.append(word) }
            }
            vocabularies[language] = words
        }
        return vocabularies
    }()

    var generator: SearchIndexUpdateTests.Generator

    init(seed: UInt64) { generator = .init(state: seed) }

    mutating func build() -> (SearchWords, SearchIndex) {
        let vocabularies = Self.vocabularies
        let words = SearchWords()
        var builder = SearchIndex.Builder(folders: Dictionary(uniqueKeysWithValues: (0..<10).map {
            ($0, SearchIndex.Folder(categoryID: $0 % 3, visibility: .allUsers, companyIDs: []))
        }))
        var translationID = 0
        for article in 0..<200 {
            let primary = generator.below(10) < 7 ? "en" : (generator.below(3) < 2 ? "fr" : "de")
            let languages = [primary] + ["en", "fr", "de"].filter { $0 != primary && generator.below(100) < 15 }
            for language in languages {
                let vocabulary = vocabularies[language]!
                let title = (0..<(3 + generator.below(5))).map { _ in vocabulary[generator.below(400)] }.joined(separator: " ")
                let body = (0..<(200 + generator.below(200))).map { _ in vocabulary[zipfRank()] }.joined(separator: " ")
                translationID += 1
                let document = SearchIndex.Document(translationID: translationID, articleID: article, folderID: article % 10,
                                                    language: language, primaryLanguage: primary, title: title, body: body,
                                                    displayTitle: title, displayText: body)
                builder.add(document)
                words.add(.init(translationID: translationID, articleID: article, folderID: article % 10,
                                title: SearchText.fold(title), body: SearchText.fold(body)))
            }
        }
        words.sortAdded()
        return (words, builder.finish())
    }

    private mutating func zipfRank() -> Int {
        let target = Double(generator.next() % 1_000_000) / 1_000_000 * Self.cumulativeWeights[Self.vocabularySize - 1]
        var low = 0, high = Self.vocabularySize - 1
        while low < high {
            let middle = (low + high) / 2
            if Self.cumulativeWeights[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
