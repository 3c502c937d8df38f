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

    func searched(duration: Duration, source: String) {
        registry.makeDurationHistogram(descriptor: .init(metricName: "lantern_search_duration", unitName: "seconds",
                                                         helpText: "Knowledge-base search latency (widget or API)."),
                                       labels: [("source", source)], buckets: Self.latencyBuckets)
            .record(duration)
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

/// One structured log line and the metrics for every request. The request id comes from `X-Request-Id` when the
/// caller sends a sane one, and is echoed back. Only the path is logged, never the query string (it may carry a
/// sign-in token), headers or bodies.
struct RequestObservationMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let requestID = Self.requestID(from: request.headers.first(name: "X-Request-Id"))
        request.logger[metadataKey: "request-id"] = .string(requestID)
        let metrics = request.application.metrics
        let inFlight = metrics.requestsInFlight
        inFlight.increment()
        let clock = ContinuousClock()
        let start = clock.now
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            response = JSONErrorMiddleware.response(for: error, request: request)
        }
        inFlight.decrement()
        let elapsed = clock.now - start
        let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        metrics.requestFinished(route: route, method: request.method.rawValue, status: response.status.code, duration: elapsed)
        response.headers.replaceOrAdd(name: "X-Request-Id", value: requestID)
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1_000
        request.logger.info("request", metadata: [
            "method": .string(request.method.rawValue),
            "path": .string(request.url.path),
            "route": .string(route),
            "status": .stringConvertible(response.status.code),
            "duration_ms": .string(String(format: "%.1f", milliseconds)),
        ])
        return response
    }

    static func requestID(from header: String?) -> String {
        if let header, (1...64).contains(header.count),
           header.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)) }) {
            return header
        }
        return UUID().uuidString.lowercased()
    }
}

/// `GET /metrics`: every metric in the Prometheus text format.
struct MetricsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("metrics", use: metrics)
    }

    @Sendable
    func metrics(request: Request) async throws -> Response {
        let metrics = request.application.metrics
        if request.db.isSQLite {
            let writers = await SQLiteWriterQueue.queue(for: request.db).counts
            metrics.databasePoolUse(["writing": writers.writing, "waiting": writers.waiting])
        } else if let rows = try? await request.db.sql.raw("""
            SELECT state, COUNT(*) AS connections FROM pg_stat_activity WHERE application_name = \(bind: metrics.postgresApplicationName)
            GROUP BY state
            """).all() {
            var connections = ["active": 0, "idle": 0, "idle in transaction": 0]
            for row in rows {
                guard let state = try? row.decode(column: "state", as: String?.self) else { continue }
                connections[state] = try row.decode(column: "connections", as: Int.self)
            }
            metrics.databasePoolUse(connections)
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: metrics.registry.emitToString()))
    }
}
