import Vapor

/// Answers every error of a portal page as an HTML page (never JSON, never a bare 500 with internals): a
/// `PortalError` or an `AppError` with its status and message, an unreachable database as 503, other client errors
/// with their reason, anything else as a logged 500.
struct PortalErrorMiddleware: AsyncMiddleware {
    let site: String

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let status: HTTPResponseStatus, title: String, message: String
            var headers: HTTPHeaders = [:]
            switch error {
            case let error as PortalError:
                (status, title, message, headers) = (error.status, error.title, error.message, error.headers)
            case let error as AppError:
                (status, title, message, headers) = (error.status, error.status.reasonPhrase, error.message, error.headers)
            case let error where DatabaseAvailability.isUnavailable(error):
                request.logger.warning("Database unavailable: \(String(reflecting: error))")
                (status, title, message, headers) = (.serviceUnavailable, "Temporarily unavailable",
                                                     "The help center cannot reach its database right now; try again in a moment.",
                                                     ["Retry-After": "1"])
            case let error as any AbortError where error.status.code < 500:
                (status, title, message, headers) = (error.status, error.status.reasonPhrase,
                                                     error.status == .payloadTooLarge ? "The form is too large." : error.reason, error.headers)
            default:
                request.logger.report(error: error)
                (status, title, message) = (.internalServerError, "Something went wrong", "Something went wrong on our side; it has been logged.")
            }
            let page = PortalErrorPage(site: site, title: title, message: message,
                                       startPage: request.url.path.hasPrefix("/support") ? "/support" : "/agent")
            let response = page.render().response(status: status)
            for (name, value) in headers where name.lowercased() != "content-type" { response.headers.replaceOrAdd(name: name, value: value) }
            return response
        }
    }
}
