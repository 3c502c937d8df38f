import Vapor

/// Resolves a widget request's identity once, before its handler: the widget named in the path and the caller
/// (anonymous, or the widget session sent as Bearer, checked against the widget's account). Handlers read
/// `request.widgetContext`.
struct WidgetContextMiddleware: AsyncMiddleware {
    /// Checks the Bearer session: every widget route but the config the loader reads before anyone signs in.
    static let caller = WidgetContextMiddleware(checksSession: true)
    /// The widget alone; a Bearer header is not looked at.
    static let widgetOnly = WidgetContextMiddleware(checksSession: false)

    let checksSession: Bool

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        request.storage[ContextKey.self] = try await WidgetContext.load(request, checksSession: checksSession)
        return try await next.respond(to: request)
    }

    struct ContextKey: StorageKey { typealias Value = WidgetContext }
}

extension Request {
    /// The widget request's widget, caller and language (set by `WidgetContextMiddleware`).
    var widgetContext: WidgetContext {
        get throws {
            guard let context = storage[WidgetContextMiddleware.ContextKey.self] else { throw AppError.widgetNotFound }
            return context
        }
    }
}
