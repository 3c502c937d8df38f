import Fluent
import Foundation
import Vapor

/// Who is calling the JSON API, from their API key.
struct APICaller: Sendable {
    enum Role: Sendable { case admin, agent, bot }

    let accountID: Int
    let role: Role
    let agentID: Int?
}

/// Authenticates `/api/v2` requests by API key: `Authorization: Basic base64("<api_key>:X")` (Freshdesk's
/// convention) or `Authorization: Bearer <api_key>`. Bot keys are read-only.
struct APIKeyAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let key = Self.apiKey(from: request.headers) else { throw APIError.invalidCredentials }
        guard let record = try await APIKey.query(on: request.db).filter(\.$keyDigest == APIKeyDigest.of(key)).first() else {
            throw APIError.invalidCredentials
        }
        let role: APICaller.Role
        switch record.role {
        case .bot:
            role = .bot
            guard request.method == .GET || request.method == .HEAD else {
                throw APIError.forbidden("access_denied", "Bot API keys are read-only.")
            }
        case .agent:
            guard let agentID = record.agentID, let agent = try await Agent.find(agentID, on: request.db),
                  agent.accountID == record.accountID else { throw APIError.invalidCredentials }
            role = agent.role == .admin ? .admin : .agent
        }
        request.storage[CallerKey.self] = APICaller(accountID: record.accountID, role: role, agentID: record.agentID)
        return try await next.respond(to: request)
    }

    /// The key from a Basic (`key:X`) or Bearer authorization header.
    static func apiKey(from headers: HTTPHeaders) -> String? {
        if let bearer = headers.bearerAuthorization?.token, !bearer.isEmpty { return bearer }
        if let basic = headers.basicAuthorization, !basic.username.isEmpty { return basic.username }
        return nil
    }

    struct CallerKey: StorageKey { typealias Value = APICaller }
}

extension Request {
    /// The authenticated API caller (set by `APIKeyAuthenticator`).
    var apiCaller: APICaller {
        get throws {
            guard let caller = storage[APIKeyAuthenticator.CallerKey.self] else { throw APIError.invalidCredentials }
            return caller
        }
    }

    /// The caller, who must act for an admin agent.
    func requireAdmin() throws -> APICaller {
        let caller = try apiCaller
        guard caller.role == .admin else {
            throw APIError.forbidden("access_denied", "This needs an admin agent's API key.")
        }
        return caller
    }
}

extension APIError {
    static let invalidCredentials = APIError.unauthorized(
        "invalid_credentials",
        "Authenticate with an API key: Authorization: Basic base64(\"<api_key>:X\") or Authorization: Bearer <api_key>."
    )
}
