import Fluent
import FluentPostgresDriver
import NIOConcurrencyHelpers
import PostgresNIO
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// On PostgreSQL a process keeps the widgets it has read until a change notification names their account (issue 20,
/// item 4); while it cannot listen it keeps nothing, and when it listens again it forgets what it kept.
@Suite("PostgreSQL change notifications", .enabled(if: TestDatabase.isPostgres))
struct ChangeNotificationTests {
    static func widgetName(_ app: Application, _ widget: Int) async throws -> String? {
        let response = try await app.testing().sendRequest(.GET, "widget/v1/widgets/\(widget)")
        return try (JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])?["name"] as? String
    }

    /// Renames the widget the way no process is told of: with triggers off for this one transaction.
    static func renameSilently(_ app: Application, _ widget: Int, _ name: String) async throws {
        try await app.db.transaction { db in
            try await db.sql.raw("SET LOCAL session_replication_role = replica").run()
            try await db.sql.raw("UPDATE widgets SET name = \(bind: name) WHERE id = \(bind: widget)").run()
        }
    }

    /// Asks until `expected` is answered, for up to `seconds`.
    static func eventually(_ app: Application, _ widget: Int, _ expected: String, seconds: Double = 5) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if try await widgetName(app, widget) == expected { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    @Test("A kept widget is read again on its account's notification, and after the listening connection was lost")
    func keptUntilNotified() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let widget = account.widgetID
            // Kept: once the process listens, a change nobody is told of is not seen.
            var kept = false
            for attempt in 0..<250 where !kept {
                _ = try await Self.widgetName(app, widget)
                try await Self.renameSilently(app, widget, "Silent \(attempt)")
                kept = try await Self.widgetName(app, widget) != "Silent \(attempt)"
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(kept)
            // A change PostgreSQL notifies (another process's, or one made straight in the database) is seen at once:
            // the listener catches up on notifications in flight before a kept widget is answered.
            for round in 0..<20 {
                _ = try await Self.widgetName(app, widget)
                try await app.db.sql.raw("UPDATE widgets SET name = \(bind: "Notified \(round)") WHERE id = \(bind: widget)").run()
                #expect(try await Self.widgetName(app, widget) == "Notified \(round)")
            }
            // The listening connection is cut (as by a PostgreSQL restart): what was kept is forgotten, and a change
            // made meanwhile without notice is seen.
            #expect(try await Self.widgetName(app, widget) == "Notified 19")
            try await app.db.sql.raw("""
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE application_name = \(bind: app.metrics.postgresApplicationName)
                  AND (query LIKE 'LISTEN%' OR query = \(bind: ChangeListener.roundTripQuery))
                """).run()
            try await Self.renameSilently(app, widget, "Missed")
            #expect(try await Self.eventually(app, widget, "Missed"))
            // Listening again, it keeps again and is told again.
            try await app.db.sql.raw("UPDATE widgets SET name = 'Back' WHERE id = \(bind: widget)").run()
            #expect(try await Self.eventually(app, widget, "Back"))
        }
    }

    @Test("catchUp() returns only after the notifications of every commit acknowledged before it were passed on")
    func catchUpSeesEveryEarlierCommit() async throws {
        let url = try #require(TestDatabase.postgresURL)
        let configuration = try SQLPostgresConfiguration(url: url).coreConfiguration
        let eventLoop = MultiThreadedEventLoopGroup.singleton.any()
        let listener = ChangeListener(configuration: configuration, logger: Logger(label: "test"))
        let told = NIOLockedValueBox<[Int]>([])
        listener.subscribe { change in
            if case .account(let id) = change { told.withLockedValue { $0.append(id) } }
        }
        #expect(await listener.catchUp() == false)  // not listening yet: nothing kept may be used
        listener.start(on: eventLoop)
        defer { listener.stop() }
        // Far more than it takes (milliseconds), even while the suite's busy start holds the threads for seconds.
        let deadline = ContinuousClock.now + .seconds(30)
        while !listener.isListening, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(listener.isListening)

        let writer = try await PostgresConnection.connect(on: eventLoop, configuration: configuration, id: 1, logger: Logger(label: "test")).get()
        // Accounts far from any test's, so that other suites' notifications cannot be mistaken for these.
        let base = 2_000_000_000
        for round in 0..<200 {
            _ = try await writer.query("SELECT pg_notify('lantern_changes', \(String(base + round)))", logger: Logger(label: "test")).get()
            #expect(await listener.catchUp())
            #expect(told.withLockedValue { $0.contains(base + round) }, "round \(round)")
        }
        // Callers asking together share round trips, and each is answered.
        let answers = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<100 { group.addTask { await listener.catchUp() } }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(answers == Array(repeating: true, count: 100))
        try await writer.close()
    }
}
