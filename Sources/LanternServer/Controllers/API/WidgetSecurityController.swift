import Fluent
import Vapor

/// `/api/v2/settings/widget_security`: the shared secret customers sign widget JWTs with (admins only).
struct WidgetSecurityController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let security = routes.grouped("settings", "widget_security")
        security.get(use: show)
        security.post("reset", use: reset)
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        guard let secret = try await SharedSecretService.show(accountID: caller.accountID, on: request.db) else {
            throw AppError.invalidCredentials
        }
        return try noStore(SharedSecretDTO(secret))
    }

    @Sendable
    func reset(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        guard let secret = try await SharedSecretService.reset(accountID: caller.accountID, on: request.db) else {
            throw AppError.invalidCredentials
        }
        request.logger.notice("Shared secret of account \(caller.accountID) reset by agent \(caller.agentID.map(String.init) ?? "-")")
        return try noStore(SharedSecretDTO(secret))
    }

    private func noStore(_ dto: SharedSecretDTO) throws -> Response {
        let response = Response(status: .ok)
        try response.content.encode(dto)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
