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
        let healthy = await DatabaseHealth.isReachable(request.db, within: Self.timeout, logger: request.logger)
        let response = Response(status: healthy ? .ok : .serviceUnavailable)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        try? response.content.encode(Status(status: healthy ? "ok" : "unavailable", database: kind))
        return response
    }
}
