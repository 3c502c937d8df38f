import Foundation
import NIOConcurrencyHelpers
import LanternCore
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// The in-memory index and vocabulary follow every knowledge-base edit in place (issue 20, item 2), within a
/// memory budget (item 3). Both databases when `LANTERN_TEST_DATABASE_URL` is set.
@Suite("Search structures follow edits in place, within a memory budget")
struct IncrementalSearchTests {
    /// The widget's answer to `query`: article ids, and the engine that answered (`Server-Timing`).
    static func search(_ app: Application, widget: Int, _ query: String) async throws -> (ids: [Int], engine: String?) {
        let response = try await app.testing().sendRequest(.GET, "widget/v1/widgets/\(widget)/articles?query=\(query)")
        #expect(response.status == .ok)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
        let ids = (body["articles"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
        let engine = response.headers.first(name: "Server-Timing")?.split(separator: "=").last.map(String.init)
        return (ids, engine)
    }

    /// One sample of `/metrics` (without labels), e.g. `lantern_search_index_builds_total`.
    static func metric(_ app: Application, _ name: String) async throws -> Double? {
        let text = try await app.testing().sendRequest(.GET, "metrics").body.string
        for line in text.split(separator: "\n") where line.hasPrefix(name + " ") {
            return Double(line.split(separator: " ").last ?? "")
        }
        return nil
    }

    @Test("Create, edit, publish, unpublish, move, delete and visibility changes are searchable at once through the memory engine, without a rebuild")
    func everyEditInPlace() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            let category = try #require(try api.object(try await api.send(.POST, "solutions/categories", ["name": "Help"]))["id"] as? Int)
            func folder(_ name: String) async throws -> Int {
                try #require(try api.object(try await api.send(.POST, "solutions/categories/\(category)/folders", ["name": name]))["id"] as? Int)
            }
            let open = try await folder("Open"), other = try await folder("Other")
            func create(_ title: String, in folder: Int) async throws -> Int {
                let response = try await api.send(.POST, "solutions/folders/\(folder)/articles",
                                                  ["title": title, "description": "<p>How to look after them.</p>", "status": 2])
                #expect(response.status == .created)
                return try #require(try api.object(response)["id"] as? Int)
            }
            func expect(_ query: String, _ expected: [Int], sourceLocation: SourceLocation = #_sourceLocation) async throws {
                let (ids, engine) = try await Self.search(app, widget: account.widgetID, query)
                #expect(ids == expected, "\(query)", sourceLocation: sourceLocation)
                #expect(engine == "memory", "\(query)", sourceLocation: sourceLocation)
            }

            let platypus = try await create("Platypus care", in: open)
            try await expect("platypus", [platypus])
            #expect(try await Self.metric(app, "lantern_search_index_builds_total") == 1)

            let echidna = try await create("Echidna habits", in: open)
            try await expect("echidna", [echidna])
            _ = try await api.send(.PUT, "solutions/articles/\(platypus)", ["title": "Wombat care"])
            try await expect("platypus", [])
            try await expect("wombat", [platypus])
            try await expect("wombta", [platypus])  // the vocabulary knows the new word at once
            _ = try await api.send(.PUT, "solutions/articles/\(platypus)", ["status": 1])
            try await expect("wombat", [])
            try await expect("wombta", [])  // and forgets the draft's
            _ = try await api.send(.PUT, "solutions/articles/\(platypus)", ["status": 2])
            try await expect("wombat", [platypus])
            _ = try await api.send(.PUT, "solutions/articles/\(echidna)", ["folder_id": other])
            try await expect("echidna", [echidna])
            _ = try await api.send(.PUT, "solutions/folders/\(other)", ["visibility": 3])
            try await expect("echidna", [])
            try await expect("echidan", [])
            _ = try await api.send(.PUT, "solutions/folders/\(other)", ["visibility": 1])
            try await expect("echidna", [echidna])
            #expect(try await api.send(.DELETE, "solutions/articles/\(platypus)").status == .noContent)
            try await expect("wombat", [])
            try await expect("care", [])
            try await expect("look", [echidna])
            #expect(try await Self.metric(app, "lantern_search_index_builds_total") == 1)
        }
    }

    /// An account with 20 published articles titled "Guide N for NAME" in a folder open to all; returns it with that
    /// folder's id.
    static func accountWithGuides(_ app: Application, name: String) async throws -> (account: AccountProvisioner.Result, folder: Int) {
        let account = try await makeAccount(app, name: name)
        let api = APIClient(app: app, key: account.apiKey)
        let category = try #require(try api.object(try await api.send(.POST, "solutions/categories", ["name": "Help"]))["id"] as? Int)
        let folder = try #require(try api.object(try await api.send(.POST, "solutions/categories/\(category)/folders",
                                                                    ["name": "Open"]))["id"] as? Int)
        for number in 1...20 {
            _ = try await api.send(.POST, "solutions/folders/\(folder)/articles",
                                   ["title": "Guide \(number) for \(name)", "description": "<p>Steps and more steps \(number).</p>",
                                    "status": 2])
        }
        return (account, folder)
    }

    /// The bytes one account of `accountWithGuides` holds, measured with the default budget.
    static func heldByOneAccount(_ app: Application, widget: Int) async throws -> Double {
        #expect(try await Self.search(app, widget: widget, "guide").ids.count == 10)
        #expect(try await Self.metric(app, "lantern_search_index_accounts") == 1)
        let held = try #require(try await Self.metric(app, "lantern_search_index_bytes"))
        #expect(held > 0)
        return held
    }

    @Test("Past the memory budget the least recently searched account's structures are dropped, and built again on its next search")
    func eviction() async throws {
        try await withLantern { app in
            let first = try await Self.accountWithGuides(app, name: "First").account
            let second = try await Self.accountWithGuides(app, name: "Second").account
            // One account's structures, measured; then a budget with room for one and a half.
            let held = try await Self.heldByOneAccount(app, widget: first.widgetID)
            app.searchIndexes = SearchIndexCache(inlineWait: .seconds(30), memoryBudget: Int(held * 1.5), metrics: app.metrics)

            for (account, builds, evictions) in [(first, 2.0, 0.0), (second, 3, 1), (first, 4, 2)] {
                let answer = try await Self.search(app, widget: account.widgetID, "guide")
                #expect(answer.ids.count == 10 && answer.engine == "memory")
                #expect(try await Self.metric(app, "lantern_search_index_builds_total") == builds)
                #expect(try await Self.metric(app, "lantern_search_index_evictions_total") ?? 0 == evictions)
                #expect(try await Self.metric(app, "lantern_search_index_accounts") == 1)
                #expect(try #require(try await Self.metric(app, "lantern_search_index_bytes")) <= held * 1.5)
            }
        }
    }

    @Test("The budget leaves room for what the process holds besides the structures: with that much more, fewer accounts are kept",
          arguments: [0.0, 1.0])
    func unbudgetedMemory(accountsBeside: Double) async throws {
        try await withLantern { app in
            let first = try await Self.accountWithGuides(app, name: "First").account
            let second = try await Self.accountWithGuides(app, name: "Second").account
            let held = try await Self.heldByOneAccount(app, widget: first.widgetID)
            // Room for two and a half accounts, less what the process holds besides them: one account's worth, or none.
            let beside = Int(held * accountsBeside)
            app.searchIndexes = SearchIndexCache(inlineWait: .seconds(30), memoryBudget: Int(held * 2.5),
                                                 unbudgetedMemory: { _ in beside }, metrics: app.metrics)

            for account in [first, second] {
                let answer = try await Self.search(app, widget: account.widgetID, "guide")
                #expect(answer.ids.count == 10 && answer.engine == "memory")
            }
            #expect(try await Self.metric(app, "lantern_search_index_accounts") == (accountsBeside == 0 ? 2 : 1))
            #expect(try await Self.metric(app, "lantern_search_index_evictions_total") ?? 0 == (accountsBeside == 0 ? 0 : 1))
            #expect(try #require(try await Self.metric(app, "lantern_search_index_bytes")) <= held * 2.5 - Double(beside))
        }
    }

    @Test("An index that does not fit even alone leaves the account to the database until the account changes, then is tried again")
    func tooLargeUntilChanged() async throws {
        try await withLantern { app in
            let (account, folder) = try await Self.accountWithGuides(app, name: "Only")
            let held = try await Self.heldByOneAccount(app, widget: account.widgetID)
            // At first the process holds so much besides that only the vocabulary fits; then it holds nothing besides.
            let beside = NIOLockedValueBox(Int(held * 2))
            app.searchIndexes = SearchIndexCache(inlineWait: .seconds(30), memoryBudget: Int(held * 2.5),
                                                 unbudgetedMemory: { _ in beside.withLockedValue { $0 } }, metrics: app.metrics)

            #expect(try await Self.search(app, widget: account.widgetID, "guide").engine == "database")
            let builds = try #require(try await Self.metric(app, "lantern_search_index_builds_total"))
            beside.withLockedValue { $0 = 0 }
            #expect(try await Self.search(app, widget: account.widgetID, "guide").engine == "database")
            #expect(try await Self.metric(app, "lantern_search_index_builds_total") == builds)

            let api = APIClient(app: app, key: account.apiKey)
            #expect(try await api.send(.POST, "solutions/folders/\(folder)/articles",
                                       ["title": "Guide 21 for Only", "description": "<p>Last steps.</p>", "status": 2]).status == .created)
            let answer = try await Self.search(app, widget: account.widgetID, "guide")
            #expect(answer.ids.count == 10 && answer.engine == "memory")
            #expect(try await Self.metric(app, "lantern_search_index_builds_total") == builds + 1)
        }
    }
}
