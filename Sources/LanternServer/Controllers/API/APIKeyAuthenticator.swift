import Fluent
import Foundation
import Vapor

/// Authenticates `/api/v2` requests by API key: `Authorization: Basic base64("<api_key>:X")` (Freshdesk's
/// convention) or `Authorization: Bearer <api_key>`. Bot keys are read-only; mail keys only post received mail.
struct APIKeyAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let key = Self.apiKey(from: request.headers) else { throw AppError.invalidCredentials }
        guard let record = try await APIKey.query(on: request.db).filter(\.$keyDigest == APIKeyDigest.of(key)).first() else {
            throw AppError.invalidCredentials
        }
        let role: APICaller.Role
        switch record.role {
        case .bot:
            role = .bot
            guard request.method == .GET || request.method == .HEAD else {
                throw AppError(.accessDenied, "Bot API keys are read-only.")
            }
        case .mail:
            role = .mail
            guard request.method == .POST && request.url.path == "/api/v2/mail/inbound" else {
                throw AppError(.accessDenied, "Mail keys may only post received mail (POST /api/v2/mail/inbound).")
            }
        case .agent:
            guard let agentID = record.agentID, let agent = try await Agent.find(agentID, on: request.db),
                  agent.accountID == record.accountID else { throw AppError.invalidCredentials }
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
            guard let caller = storage[APIKeyAuthenticator.CallerKey.self] else { throw AppError.invalidCredentials }
            return caller
        }
    }
}

extension AppError {
    static let invalidCredentials = AppError(.invalidCredentials, "Authenticate with an API key: Authorization: Basic base64(\"<api_key>:X\") or Authorization: Bearer <api_key>."
    )
}
