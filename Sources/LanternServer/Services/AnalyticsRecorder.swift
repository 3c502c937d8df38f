import Fluent
import Foundation
import LanternCore
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Keeps visitor events off the request path: `record` appends to an in-memory queue and returns at once (a full
/// queue drops the event and counts it in `/metrics`, never waits); `flush` writes what is queued in batches of
/// multi-row inserts. `AnalyticsRunner` flushes every half second in `lantern serve`.
final class AnalyticsRecorder: Sendable {
    /// Events waiting at most; past it new events are dropped.
    static let defaultCapacity = 20_000
    /// Rows per INSERT statement.
    static let batchSize = 400

    let enabled: Bool
    let capacity: Int
    private let queue = NIOLockedValueBox<[AnalyticsEvent]>([])
    private let metrics: LanternMetrics

    init(enabled: Bool, capacity: Int = AnalyticsRecorder.defaultCapacity, metrics: LanternMetrics) {
        self.enabled = enabled
        self.capacity = capacity
        self.metrics = metrics
    }

    /// Queues `events`; those that do not fit are dropped and counted.
    func record(_ events: [AnalyticsEvent]) {
        guard enabled, !events.isEmpty else { return }
        let dropped = queue.withLockedValue { queued -> Int in
            let room = max(0, capacity - queued.count)
            queued.append(contentsOf: events.prefix(room))
            return events.count - min(room, events.count)
        }
        if dropped > 0 { metrics.analyticsDropped(dropped, reason: "queue_full") }
    }

    func record(_ event: AnalyticsEvent) { record([event]) }

    /// Events waiting to be written.
    var queued: Int { queue.withLockedValue { $0.count } }

    /// Writes every queued event; returns how many were written. A batch the database refuses is dropped and
    /// counted (`reason="write_failed"`), so one bad moment never holds the queue.
    @discardableResult
    func flush(on db: any Database) async -> Int {
        let events = queue.withLockedValue { queued -> [AnalyticsEvent] in
            defer { queued.removeAll(keepingCapacity: true) }
            return queued
        }
        var written = 0
        var start = 0
        while start < events.count {
            let batch = events[start..<min(start + Self.batchSize, events.count)]
            start += batch.count
            do {
                // In the writers' queue like every other write: on SQLite a write beside it would wait on the file's
                // lock (and its busy handler's sleeps), and hold up the reads of the connection it ran on.
                let rows = Array(batch)
                try await db.writeTransaction { db in try await Self.insert(rows, on: db) }
                written += batch.count
            } catch {
                metrics.analyticsDropped(batch.count, reason: "write_failed")
                db.logger.warning("Could not write \(batch.count) analytics events: \(String(reflecting: error))")
            }
        }
        if written > 0 { metrics.analyticsWritten(written) }
        return written
    }

    static let columns = ["account_id", "widget_id", "day", "occurred_at", "visit", "signed_in", "kind", "query", "results",
                          "engine", "rank", "article_id", "helpful", "source", "rule"]

    /// One multi-row INSERT.
    static func insert(_ events: some Collection<AnalyticsEvent>, on db: any Database) async throws {
        guard !events.isEmpty else { return }
        var insert = db.sql.insert(into: "analytics_events").columns(columns)
        for event in events {
            insert = insert.values([
                SQLBind(event.accountID), SQLBind(event.widgetID), SQLBind(AnalyticsDay(event.occurredAt).number),
                SQLBind(event.occurredAt), SQLBind(event.visit), SQLBind(event.signedIn), SQLBind(event.kind.rawValue),
                SQLBind(event.query), SQLBind(event.results), SQLBind(event.engine), SQLBind(event.rank), SQLBind(event.articleID),
                SQLBind(event.helpful), SQLBind(event.source), SQLBind(event.rule),
            ])
        }
        try await insert.run()
    }
}

extension Application {
    private struct AnalyticsRecorderKey: StorageKey { typealias Value = AnalyticsRecorder }

    /// This process's analytics queue (made by `configure`).
    var analytics: AnalyticsRecorder {
        get {
            guard let recorder = storage[AnalyticsRecorderKey.self] else { fatalError("configure(_:settings:) was not called") }
            return recorder
        }
        set { storage[AnalyticsRecorderKey.self] = newValue }
    }
}
