import Fluent

/// PostgreSQL only: after any model this process creates, updates or deletes (whether a request or a service made
/// the change), it forgets the widget records it keeps, without waiting for its own change notification, so that
/// its next read sees the write. Writes in raw SQL are covered by `LocalChangeMiddleware` when a request makes them,
/// and by the notification in any case.
struct LocalModelChangeMiddleware: AnyModelMiddleware {
    let forget: @Sendable () -> Void

    func handle(_ event: ModelEvent, _ model: any AnyModel, on db: any Database,
                chainingTo next: any AnyModelResponder) -> EventLoopFuture<Void> {
        next.handle(event, model, on: db).map { forget() }
    }
}
