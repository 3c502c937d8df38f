import Fluent
import Vapor

extension Request {
    /// An integer path parameter; anything else means the resource does not exist.
    func id(_ name: String = "id", notFound: APIError) throws -> Int {
        guard let id = parameters.get(name, as: Int.self) else { throw notFound }
        return id
    }

    /// The caller, who must be an agent (bot keys may only search).
    func requireAgent() throws -> APICaller {
        let caller = try apiCaller
        guard caller.role != .bot else {
            throw APIError.forbidden("access_denied", "Bot API keys may only search (GET /api/v2/solutions/search).")
        }
        return caller
    }

    /// The caller's account, loaded.
    func account(of caller: APICaller) async throws -> Account {
        guard let account = try await Account.find(caller.accountID, on: db) else { throw APIError.invalidCredentials }
        return account
    }

    /// Decodes a JSON body into `T`.
    func decodeBody<T: Decodable>(_ type: T.Type) throws -> T {
        guard headers.contentType == .json || headers.contentType == nil || headers.contentType?.subType == "json" else {
            throw APIError(status: .unsupportedMediaType, code: "unsupported_media_type",
                           message: "Send the body as JSON (Content-Type: application/json).")
        }
        guard let body = body.data, body.readableBytes > 0 else {
            throw APIError(status: .badRequest, code: "invalid_json", message: "The request body must be a JSON object.")
        }
        return try JSONDecoder().decode(T.self, from: body)
    }
}

/// A created resource: 201 with its JSON.
func created<T: Encodable>(_ dto: T) throws -> Response {
    let response = Response(status: .created)
    try response.content.encode(dto, using: JSONEncoder.lantern)
    return response
}

/// A resource: 200 with its JSON.
func ok<T: Encodable>(_ dto: T) throws -> Response {
    let response = Response(status: .ok)
    try response.content.encode(dto, using: JSONEncoder.lantern)
    return response
}

extension APIError {
    static let categoryNotFound = APIError.notFound("category_not_found", "No category has this id in your account.")
    static let folderNotFound = APIError.notFound("folder_not_found", "No folder has this id in your account.")
    static let articleNotFound = APIError.notFound("article_not_found", "No article has this id.")
    static let companyNotFound = APIError.notFound("company_not_found", "No company has this id in your account.")
    static let contactNotFound = APIError.notFound("contact_not_found", "No contact has this id in your account.")
    static let translationNotFound = APIError.notFound("translation_not_found", "The article has no translation in this language.")
}
