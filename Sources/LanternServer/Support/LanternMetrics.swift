import Foundation
import Prometheus
import Vapor

/// Lantern's Prometheus metrics, one registry per application, served at `GET /metrics`.
final class LanternMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    /// Latency buckets from 1 ms to 10 s.
    static let latencyBuckets: [Duration] = [1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 10_000].map { .microseconds(Int64($0 * 1_000)) }

    func requestFinished(route: String, method: String, status: UInt, duration: Duration) {
        registry.makeCounter(descriptor: .init(metricName: "lantern_http_requests", unitName: "total",
                                               helpText: "HTTP requests by route, method and status."),
                             labels: [("route", route), ("method", method), ("status", String(status))]).increment()
        registry.makeDurationHistogram(descriptor: .init(metricName: "lantern_http_request_duration", unitName: "seconds",
                                                         helpText: "HTTP request latency by route and method."),
                                       labels: [("route", route), ("method", method)], buckets: Self.latencyBuckets)
            .record(duration)
    }

    func tokenRejected(code: String) {
        registry.makeCounter(descriptor: .init(metricName: "lantern_token_rejections", unitName: "total",
                                               helpText: "Widget sign-in tokens rejected, by rejection code."),
                             labels: [("code", code)]).increment()
    }

    func ticketCreated(verified: Bool) {
        registry.makeCounter(descriptor: .init(metricName: "lantern_tickets_created", unitName: "total",
                                               helpText: "Tickets created through the widget."),
                             labels: [("verified", String(verified))]).increment()
    }

    /// A knowledge-base search, how long it took and which engine answered it (`memory` or `database`).
    func searched(duration: Duration, source: String, engine: String) {
        registry.makeDurationHistogram(descriptor: .init(metricName: "lantern_search_duration", unitName: "seconds",
                                                         helpText: "Knowledge-base search latency (widget or API)."),
                                       labels: [("source", source)], buckets: Self.latencyBuckets)
            .record(duration)
        registry.makeCounter(descriptor: .init(metricName: "lantern_search_answers", unitName: "total",
                                               helpText: "Knowledge-base searches by the engine that answered them (memory or database)."),
                             labels: [("engine", engine)]).increment()
    }

    /// A fresh build of an account's in-memory search index (first search, after an eviction, or a change log gap).
    func searchIndexBuilt() {
        registry.makeCounter(descriptor: .init(metricName: "lantern_search_index_builds", unitName: "total",
                                               helpText: "In-memory search indexes built afresh.")).increment()
    }

    /// An account's in-memory search structures dropped to keep within `LANTERN_SEARCH_MEMORY`.
    func searchIndexEvicted() {
        registry.makeCounter(descriptor: .init(metricName: "lantern_search_index_evictions", unitName: "total",
                                               helpText: "Accounts' in-memory search structures dropped to keep within LANTERN_SEARCH_MEMORY.")).increment()
    }

    /// What the in-memory search structures (indexes and vocabularies) hold now, and for how many accounts.
    func searchIndexMemory(bytes: Int, accounts: Int) {
        registry.makeGauge(descriptor: .init(metricName: "lantern_search_index_bytes", unitName: "",
                                             helpText: "Estimated bytes held by in-memory search indexes and vocabularies.")).set(Double(bytes))
        registry.makeGauge(descriptor: .init(metricName: "lantern_search_index_accounts", unitName: "",
                                             helpText: "Accounts whose search index or vocabulary is held in memory.")).set(Double(accounts))
    }

    /// Analytics events that were not written: `queue_full` (the in-memory queue was full) or `write_failed`.
    func analyticsDropped(_ count: Int, reason: String) {
        registry.makeCounter(descriptor: .init(metricName: "lantern_analytics_events_dropped", unitName: "total",
                                               helpText: "Analytics events dropped, by reason (queue_full, write_failed)."),
                             labels: [("reason", reason)]).increment(by: Int64(count))
    }

    func analyticsWritten(_ count: Int) {
        registry.makeCounter(descriptor: .init(metricName: "lantern_analytics_events_written", unitName: "total",
                                               helpText: "Analytics events written to the database.")).increment(by: Int64(count))
    }

    var requestsInFlight: Gauge {
        registry.makeGauge(descriptor: .init(metricName: "lantern_http_requests_in_flight", unitName: "",
                                             helpText: "Requests being served right now."))
    }

    /// The database pool's size.
    func databasePool(maximum: Int) {
        registry.makeGauge(descriptor: .init(metricName: "lantern_db_pool_max_connections", unitName: "",
                                             helpText: "Database connections the pool may open (all event loops)."))
            .set(Double(maximum))
    }

    /// This process's database connections by state, read when `/metrics` is scraped: on PostgreSQL from
    /// `pg_stat_activity` (the pool's connections carry this process's `application_name`); on SQLite the
    /// writers holding or waiting for their turn (reads never wait).
    func databasePoolUse(_ connections: [String: Int]) {
        for (state, count) in connections {
            registry.makeGauge(descriptor: .init(metricName: "lantern_db_pool_connections", unitName: "",
                                                 helpText: "This process's database connections (PostgreSQL) or writers (SQLite) by state."),
                               labels: [("state", state)]).set(Double(count))
        }
    }

    /// The `application_name` this process's PostgreSQL connections announce, unique per application instance.
    let postgresApplicationName = "lantern-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8).lowercased())"
}

extension Application {
    private struct MetricsKey: StorageKey {
        typealias Value = LanternMetrics
    }

    var metrics: LanternMetrics {
        if let metrics = storage[MetricsKey.self] { return metrics }
        let metrics = LanternMetrics()
        storage[MetricsKey.self] = metrics
        return metrics
    }
}
