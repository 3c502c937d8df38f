import Vapor

/// Answers 413 `payload_too_large` at once to a request whose `Content-Length` is over its route's limit, before
/// any of the body is collected or streamed (otherwise a route collecting its body would wait for bytes it will
/// refuse). The limit is the route's `bodyLimit`, or for a route that does not declare one what Vapor collects for
/// it (`routes.defaultMaxBodySize`, 16 KiB).
struct DeclaredLengthMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let declared = request.headers.first(name: .contentLength).flatMap({ Int($0) }) {
            let limit = request.route?.bodyLimit ?? request.application.routes.defaultMaxBodySize.value
            if declared > limit {
                throw AppError(.payloadTooLarge, "The body declares \(declared) bytes; this route takes at most \(limit).")
            }
        }
        return try await next.respond(to: request)
    }
}
