import Fluent
import Vapor

extension Request {
    /// An integer path parameter; anything else means the resource does not exist.
    func id(_ name: String = "id", notFound: AppError) throws -> Int {
        guard let id = parameters.get(name, as: Int.self) else { throw notFound }
        return id
    }

    /// The caller's account, loaded.
    func account(of caller: APICaller) async throws -> Account {
        guard let account = try await Account.find(caller.accountID, on: db) else { throw AppError.invalidCredentials }
        return account
    }

    /// Decodes a JSON body into `T`.
    func decodeBody<T: Decodable>(_ type: T.Type) throws -> T {
        guard headers.contentType == .json || headers.contentType == nil || headers.contentType?.subType == "json" else {
            throw AppError(.unsupportedMediaType, "Send the body as JSON (Content-Type: application/json).")
        }
        guard let body = body.data, body.readableBytes > 0 else {
            throw AppError(.invalidJSON, "The request body must be a JSON object.")
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
