import Vapor

extension Request {
    /// The `/support` reader (set by `SupportContextMiddleware`; a route without it is a programming error).
    var supportContext: SupportContext {
        get throws {
            guard let context = storage[SupportContextMiddleware.ContextKey.self] else {
                throw Abort(.internalServerError, reason: "SupportContextMiddleware did not run for \(url.path)")
            }
            return context
        }
    }
}
