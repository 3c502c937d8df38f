import Vapor

/// An error answered as `{"error": {"code", "message", "fields"?}}` with its HTTP status.
struct APIError: AbortError, Sendable {
    let status: HTTPResponseStatus
    let code: String
    let message: String
    /// Per-field problems of a `validation_failed` error.
    var fields: [String: String]? = nil
    var headers: HTTPHeaders = [:]

    var reason: String { message }

    static func notFound(_ code: String = "not_found", _ message: String) -> APIError {
        APIError(status: .notFound, code: code, message: message)
    }

    static func validation(_ fields: [String: String]) -> APIError {
        let summary = fields.keys.sorted().map { "\($0) \(fields[$0]!)" }.joined(separator: "; ")
        return APIError(status: .unprocessableEntity, code: "validation_failed",
                        message: "Validation failed: \(summary).", fields: fields)
    }

    static func unauthorized(_ code: String, _ message: String) -> APIError {
        APIError(status: .unauthorized, code: code, message: message)
    }

    static func forbidden(_ code: String, _ message: String) -> APIError {
        APIError(status: .forbidden, code: code, message: message)
    }
}

/// The JSON body of every error response.
struct ErrorBody: Content {
    struct Detail: Content {
        let code: String
        let message: String
        let fields: [String: String]?
    }

    let error: Detail
}
