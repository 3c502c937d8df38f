import Vapor

/// Turns every error, including unknown routes and undecodable bodies, into Lantern's JSON error shape.
/// Unexpected errors are logged and answered as a generic 500 that reveals nothing internal.
struct JSONErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            return Self.response(for: error, request: request)
        }
    }

    static func response(for error: any Error, request: Request) -> Response {
        let apiError = Self.apiError(for: error, request: request)
        var headers = apiError.headers
        headers.contentType = .json
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        let body = ErrorBody(error: .init(code: apiError.code.rawValue, message: apiError.message, fields: apiError.fields))
        let data = (try? JSONEncoder().encode(body)) ?? Data(#"{"error":{"code":"internal_error","message":"Internal error."}}"#.utf8)
        return Response(status: apiError.status, headers: headers, body: .init(data: data))
    }

    private static func apiError(for error: any Error, request: Request) -> AppError {
        switch error {
        case let error as AppError:
            return error
        case let error as DecodingError:
            return decodingError(error)
        case let error where DatabaseAvailability.isUnavailable(error):
            request.logger.warning("Database unavailable: \(String(reflecting: error))")
            return AppError(.databaseUnavailable, "The database cannot be reached right now; try again in a moment.",
                            headers: ["Retry-After": "1"])
        case let error as any AbortError:
            return AppError(ErrorCode(status: error.status), message(for: error), headers: error.headers)
        default:
            request.logger.report(error: error)
            return AppError(.internalError, "Something went wrong on our side; it has been logged.")
        }
    }

    private static func decodingError(_ error: DecodingError) -> AppError {
        func path(_ codingPath: [any CodingKey], _ key: (any CodingKey)? = nil) -> String {
            let keys = codingPath + (key.map { [$0] } ?? [])
            return keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return .validation([path(context.codingPath, key): "is required"])
        case .valueNotFound(_, let context) where !context.codingPath.isEmpty:
            return .validation([path(context.codingPath): "must not be null"])
        case .typeMismatch(let type, let context) where !context.codingPath.isEmpty:
            return .validation([path(context.codingPath): "must be \(typeDescription(type))"])
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            return .validation([path(context.codingPath): "is invalid"])
        default:
            return AppError(.invalidJSON, "The request body is not a valid JSON object.")
        }
    }

    private static func typeDescription(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type, is Double.Type: "a number"
        case is [Any].Type: "an array"
        default: "of another type"
        }
    }

    private static func message(for error: any AbortError) -> String {
        switch error.status {
        case .notFound: "No such resource."
        case .payloadTooLarge: "The request body is too large."
        case .internalServerError: "Something went wrong on our side; it has been logged."
        default: error.reason
        }
    }
}
