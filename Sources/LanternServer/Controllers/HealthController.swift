import Fluent
import Vapor

/// `GET /healthz`: a real database round trip, answered within a few seconds even when the database is gone.
struct HealthController: RouteCollection {
    struct Status: Content {
        let status: String
        let database: String
    }

    static let timeout: Duration = .seconds(3)

    func boot(routes: any RoutesBuilder) throws {
        routes.get("healthz", use: health)
    }

    @Sendable
    func health(request: Request) async -> Response {
        let kind = request.application.lantern.database.kind
        let healthy: Bool
        do {
            let db = request.db
            try await withTimeout(Self.timeout) {
                try await db.sql.raw("SELECT 1").run()
            }
            healthy = true
        } catch {
            request.logger.warning("Health check failed: \(String(reflecting: error))")
            healthy = false
        }
        let response = Response(status: healthy ? .ok : .serviceUnavailable)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        try? response.content.encode(Status(status: healthy ? "ok" : "unavailable", database: kind))
        return response
    }
}

struct TimeoutError: Error {}

/// Runs `work`, giving up with `TimeoutError` after `limit`.
func withTimeout<T: Sendable>(_ limit: Duration, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await work() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw TimeoutError()
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
