import Fluent
import Foundation
import Vapor

/// `/api/v2/settings/widget_security`: the shared secret customers sign widget JWTs with (admins only).
struct WidgetSecurityController: RouteCollection {
    struct SecretDTO: Content {
        let sharedSecret: String
        let resetAt: String

        enum CodingKeys: String, CodingKey {
            case sharedSecret = "shared_secret"
            case resetAt = "reset_at"
        }

        init(_ secret: SharedSecretService.Secret) {
            sharedSecret = secret.sharedSecret
            resetAt = secret.resetAt.formatted(.iso8601)
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        let security = routes.grouped("settings", "widget_security")
        security.get(use: show)
        security.post("reset", use: reset)
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let caller = try request.requireAdmin()
        guard let secret = try await SharedSecretService.show(accountID: caller.accountID, on: request.db) else {
            throw APIError.invalidCredentials
        }
        return try noStore(SecretDTO(secret))
    }

    @Sendable
    func reset(request: Request) async throws -> Response {
        let caller = try request.requireAdmin()
        guard let secret = try await SharedSecretService.reset(accountID: caller.accountID, on: request.db) else {
            throw APIError.invalidCredentials
        }
        request.logger.notice("Shared secret of account \(caller.accountID) reset by agent \(caller.agentID.map(String.init) ?? "-")")
        return try noStore(SecretDTO(secret))
    }

    private func noStore(_ dto: SecretDTO) throws -> Response {
        let response = Response(status: .ok)
        try response.content.encode(dto)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
