import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import PostgresNIO

/// PostgreSQL only: listens on `CreateChangeNotifications.channel` over a connection of its own and tells the
/// caches that subscribed which account changed. While it is not listening (before the first `LISTEN`, after the
/// connection dropped, say on a PostgreSQL restart), `isListening` is false and the caches keep nothing; each time
/// it listens again they are emptied first, since notifications sent meanwhile were lost. It reconnects by itself,
/// waiting from half a second up to five between attempts.
final class ChangeListener: Sendable {
    private struct State {
        var listening = false
        var subscribers: [@Sendable (Change) -> Void] = []
        var task: Task<Void, Never>?
        var connection: PostgresConnection?
        var stopped = false
    }

    /// What a subscriber is told.
    enum Change: Sendable {
        /// Something of this account changed (the account, its widgets, or its search version).
        case account(Int)
        /// Notifications may have been missed: forget everything.
        case everything
    }

    private let state = NIOLockedValueBox(State())
    private let configuration: PostgresConnection.Configuration
    private let logger: Logger

    init(configuration: PostgresConnection.Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Whether notifications are arriving: only then may a cache keep what it reads.
    var isListening: Bool { state.withLockedValue { $0.listening } }

    func subscribe(_ subscriber: @escaping @Sendable (Change) -> Void) {
        state.withLockedValue { $0.subscribers.append(subscriber) }
    }

    /// Starts listening in the background, on `eventLoop`.
    func start(on eventLoop: any EventLoop) {
        let task = Task { await self.listen(on: eventLoop) }
        state.withLockedValue { $0.task = task }
    }

    func stop() {
        let (task, connection) = state.withLockedValue { state in
            state.listening = false
            state.stopped = true
            return (state.task, state.connection)
        }
        task?.cancel()
        let _: EventLoopFuture<Void>? = connection?.close()
    }

    private func listen(on eventLoop: any EventLoop) async {
        var pause = Duration.milliseconds(500)
        while !Task.isCancelled {
            do {
                let connection = try await PostgresConnection.connect(on: eventLoop, configuration: configuration, id: 0, logger: logger).get()
                let stopped = state.withLockedValue { state in
                    state.connection = connection
                    return state.stopped
                }
                do {
                    guard !stopped else { throw CancellationError() }
                    try await connection.listen(on: CreateChangeNotifications.channel) { notifications in
                        self.changed(.everything, listening: true)
                        pause = .milliseconds(500)
                        for try await notification in notifications {
                            if let account = Int(notification.payload) { self.changed(.account(account), listening: true) }
                        }
                    }
                } catch {
                    if !Task.isCancelled { logger.warning("Change notifications stopped: \(String(reflecting: error))") }
                }
                state.withLockedValue { $0.connection = nil }
                try? await connection.close()
            } catch {
                if !Task.isCancelled { logger.warning("Cannot listen for change notifications: \(String(reflecting: error))") }
            }
            changed(.everything, listening: false)
            try? await Task.sleep(for: pause)
            pause = min(pause * 2, .seconds(5))
        }
    }

    /// Sets whether notifications arrive, then tells every subscriber.
    private func changed(_ change: Change, listening: Bool) {
        let subscribers = state.withLockedValue { state in
            state.listening = listening && !state.stopped
            return state.subscribers
        }
        for subscriber in subscribers { subscriber(change) }
    }
}
