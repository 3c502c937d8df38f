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
///
/// `catchUp()` closes the moment between another process's commit and the arrival of its notification: PostgreSQL
/// sends a listening session every notification signalled before it reads a query ahead of that query's answer,
/// and subscribers are told on the connection's event loop as each notification is read, so once a round trip sent
/// after the caller asked has come back, every commit acknowledged before has been applied.
final class ChangeListener: Sendable {
    private struct State {
        var listening = false
        var subscribers: [@Sendable (Change) -> Void] = []
        var task: Task<Void, Never>?
        var connection: PostgresConnection?
        var stopped = false
        /// Callers of `catchUp()` answered by the round trip in flight (it was sent after they asked).
        var answeredByRoundTrip: [CheckedContinuation<Bool, Never>] = []
        /// Callers who asked while a round trip was in flight: they need the next one.
        var waitingForNextRoundTrip: [CheckedContinuation<Bool, Never>] = []
        var roundTrips: UInt64 = 0
        var roundTripInFlight = false
    }

    /// What a subscriber is told.
    enum Change: Sendable {
        /// Something of this account changed (the account, its widgets, or its search version).
        case account(Int)
        /// Notifications may have been missed: forget everything.
        case everything
    }

    /// The query of `catchUp()`'s round trips (named so that an operator can tell it in `pg_stat_activity`).
    static let roundTripQuery = "SELECT 'lantern_changes caught up'"
    /// A round trip not back by then counts as a lost connection: it is closed and opened again.
    static let roundTripTimeout = TimeAmount.seconds(2)

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

    /// Returns once every notification of a transaction committed before the call has been passed to the
    /// subscribers; `false` when that cannot be known (not listening, or the connection failed meanwhile), in which
    /// case nothing kept may be used. Callers that ask together share one round trip.
    func catchUp() async -> Bool {
        enum Turn { case refused, queued, first(PostgresConnection, UInt64) }
        return await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let turn: Turn = state.withLockedValue { state in
                guard state.listening, let connection = state.connection else { return .refused }
                if state.roundTripInFlight {
                    state.waitingForNextRoundTrip.append(continuation)
                    return .queued
                }
                state.answeredByRoundTrip = [continuation]
                state.roundTripInFlight = true
                state.roundTrips &+= 1
                return .first(connection, state.roundTrips)
            }
            switch turn {
            case .refused: continuation.resume(returning: false)
            case .queued: break
            case .first(let connection, let number): sendRoundTrip(number, on: connection)
            }
        }
    }

    private func sendRoundTrip(_ number: UInt64, on connection: PostgresConnection) {
        let timeout = connection.eventLoop.scheduleTask(in: Self.roundTripTimeout) {
            self.logger.warning("Catching up on change notifications took over \(Self.roundTripTimeout): reconnecting")
            self.roundTripEnded(number, on: connection, succeeded: false)
            let _: EventLoopFuture<Void> = connection.close()
        }
        connection.query(PostgresQuery(unsafeSQL: Self.roundTripQuery), logger: logger).whenComplete { result in
            timeout.cancel()
            self.roundTripEnded(number, on: connection, succeeded: (try? result.get()) != nil)
        }
    }

    /// Answers the callers of round trip `number` (once: a timeout and a late answer both end up here) and starts
    /// the next one for those who asked meanwhile, or refuses them when this one failed.
    private func roundTripEnded(_ number: UInt64, on connection: PostgresConnection, succeeded: Bool) {
        let (answered, refused, next) = state.withLockedValue { state -> ([CheckedContinuation<Bool, Never>], [CheckedContinuation<Bool, Never>], UInt64?) in
            guard state.roundTripInFlight, state.roundTrips == number else { return ([], [], nil) }
            let answered = state.answeredByRoundTrip
            let waiting = state.waitingForNextRoundTrip
            state.waitingForNextRoundTrip = []
            guard succeeded, state.listening, state.connection === connection, !waiting.isEmpty else {
                state.answeredByRoundTrip = []
                state.roundTripInFlight = false
                return (answered, waiting, nil)
            }
            state.answeredByRoundTrip = waiting
            state.roundTrips &+= 1
            return (answered, [], state.roundTrips)
        }
        for caller in answered { caller.resume(returning: succeeded) }
        for caller in refused { caller.resume(returning: false) }
        if let next { sendRoundTrip(next, on: connection) }
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
                    // Told on the event loop as each notification is read, before any later answer: what
                    // `catchUp()` relies on.
                    connection.addListener(channel: CreateChangeNotifications.channel) { _, notification in
                        if let account = Int(notification.payload) { self.changed(.account(account)) }
                    }
                    // Sent after the listener's own LISTEN: once answered, notifications arrive.
                    _ = try await connection.query("LISTEN \(unescaped: CreateChangeNotifications.channel)", logger: logger).get()
                    changed(.everything, listening: true)
                    pause = .milliseconds(500)
                    try await connection.closeFuture.get()
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

    /// Sets whether notifications arrive (`nil`: as before), then tells every subscriber.
    private func changed(_ change: Change, listening: Bool? = nil) {
        let subscribers = state.withLockedValue { state in
            if let listening { state.listening = listening && !state.stopped }
            return state.subscribers
        }
        for subscriber in subscribers { subscriber(change) }
    }
}
