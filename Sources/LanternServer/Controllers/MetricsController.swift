import Foundation
import Prometheus
import Vapor

/// `GET /metrics`: every metric in the Prometheus text format.
struct MetricsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("metrics", use: metrics)
    }

    @Sendable
    func metrics(request: Request) async throws -> Response {
        let metrics = request.application.metrics
        if let usage = await DatabasePoolUsage.current(on: request.db, postgresApplicationName: metrics.postgresApplicationName) {
            metrics.databasePoolUse(usage)
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: metrics.registry.emitToString()))
    }
}
