import Foundation
import Prometheus
import Vapor

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
        request.application.requestsInFlight.started()
        let clock = ContinuousClock()
        let start = clock.now
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            response = JSONErrorMiddleware.response(for: error, request: request)
        }
        inFlight.decrement()
        request.application.requestsInFlight.finished()
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
