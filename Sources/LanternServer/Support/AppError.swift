import Vapor

/// Lantern's one error: a code from `ErrorCode` (which fixes the HTTP status), a message for the person reading
/// it and, for `validation_failed`, the problem with each field. Services throw it; `JSONErrorMiddleware` answers it
/// as `{"error": {"code", "message", "fields"?}}` and `PortalErrorMiddleware` as an HTML page.
struct AppError: AbortError, Sendable {
    let code: ErrorCode
    let message: String
    /// Per-field problems of a `validation_failed` error.
    var fields: [String: String]? = nil
    var headers: HTTPHeaders = [:]

    init(_ code: ErrorCode, _ message: String, fields: [String: String]? = nil, headers: HTTPHeaders = [:]) {
        self.code = code
        self.message = message
        self.fields = fields
        self.headers = headers
    }

    var status: HTTPResponseStatus { code.status }
    var reason: String { message }

    static func validation(_ fields: [String: String]) -> AppError {
        let summary = fields.keys.sorted().map { "\($0) \(fields[$0]!)" }.joined(separator: "; ")
        return AppError(.validationFailed, "Validation failed: \(summary).", fields: fields)
    }
}
