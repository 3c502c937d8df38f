import Vapor

/// PostgreSQL only: after a request that may have changed an account or its knowledge base (any method but
/// `GET`/`HEAD`, outside the widget's own routes, which change neither), this process forgets the widget records
/// it keeps before the answer leaves, instead of waiting for its own change notification: whoever made the change
/// reads it back from this process at once. Other processes learn it from the notification. (Model writes made
/// outside a request are covered by `LocalModelChangeMiddleware`.)
struct LocalChangeMiddleware: AsyncMiddleware {
    let forget: @Sendable () -> Void

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        defer { if request.method != .GET && request.method != .HEAD && !request.url.path.hasPrefix("/widget/") { forget() } }
        return try await next.respond(to: request)
    }
}
