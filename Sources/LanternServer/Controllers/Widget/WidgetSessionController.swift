import Fluent
import Foundation
import Vapor

/// Widget sign-in: exchange the customer's JWT for a widget session, read it, end it.
struct WidgetSessionController: RouteCollection {
    struct SignInBody: Content {
        let token: String
    }

    struct ContactDTO: Content {
        let id: Int
        let name: String
        let email: String
        let language: String?
        let companyIDs: [Int]

        enum CodingKeys: String, CodingKey {
            case id, name, email, language
            case companyIDs = "company_ids"
        }

        /// `language` is always present: `null` when the contact has not chosen one.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(name, forKey: .name)
            try container.encode(email, forKey: .email)
            try container.encode(language, forKey: .language)
            try container.encode(companyIDs, forKey: .companyIDs)
        }

        init(_ contact: ContactRecord) {
            id = contact.id
            name = contact.name
            email = contact.email
            language = contact.language
            companyIDs = contact.companyIDs
        }
    }

    struct SessionDTO: Content {
        let sessionToken: String?
        let expiresAt: Int64
        let contact: ContactDTO

        enum CodingKeys: String, CodingKey {
            case sessionToken = "session_token"
            case expiresAt = "expires_at"
            case contact
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        let widget = routes.grouped("widget", "v1")
        widget.post("widgets", ":widget_id", "session", use: signIn)
        widget.get("session", use: current)
        widget.delete("session", use: signOut)
    }

    @Sendable
    func signIn(request: Request) async throws -> Response {
        let widgetID = try request.widgetID()
        let body = try request.content.decode(SignInBody.self)
        let signIn: WidgetSessionService.SignIn
        do {
            signIn = try await WidgetSessionService.signIn(widgetID: widgetID, token: body.token, on: request.db)
        } catch let error as AppError where error.status == .unauthorized {
            request.application.metrics.tokenRejected(code: error.code.rawValue)
            throw error
        }
        let dto = SessionDTO(sessionToken: signIn.sessionToken, expiresAt: signIn.claims.expiresAt,
                             contact: ContactDTO(signIn.contact))
        return try privateJSON(dto)
    }

    /// The signed-in contact behind the bearer session (the widget's "who am I").
    @Sendable
    func current(request: Request) async throws -> Response {
        let signedIn = try await WidgetSessionService.authenticate(token: try request.widgetSessionToken(), accountID: nil, on: request.db)
        let dto = SessionDTO(sessionToken: nil, expiresAt: signedIn.claims.expiresAt,
                             contact: ContactDTO(signedIn.contact))
        return try privateJSON(dto)
    }

    @Sendable
    func signOut(request: Request) async throws -> HTTPStatus {
        try await WidgetSessionService.revoke(token: try request.widgetSessionToken(), on: request.db)
        return .noContent
    }

    private func privateJSON(_ dto: SessionDTO) throws -> Response {
        let response = Response(status: .ok)
        try response.content.encode(dto)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}

extension Request {
    /// The `{widget_id}` path parameter; anything that is not a widget id is an unknown widget.
    func widgetID() throws -> Int {
        guard let id = parameters.get("widget_id", as: Int.self) else { throw AppError.widgetNotFound }
        return id
    }

    /// The widget session token from `Authorization: Bearer`.
    func widgetSessionToken() throws -> String {
        guard let token = headers.bearerAuthorization?.token, !token.isEmpty else {
            throw AppError(.sessionInvalid, "No widget session: send Authorization: Bearer <session_token>.")
        }
        return token
    }
}
