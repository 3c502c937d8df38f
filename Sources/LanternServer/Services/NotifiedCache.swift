import NIOConcurrencyHelpers

/// Values read from PostgreSQL, kept until a change notification (`ChangeListener`) names their account. A value
/// is kept only while notifications arrive, and only when none arrived while it was being read: a read that began
/// before a commit and ended after its notification would otherwise keep the old value. Before a kept value is
/// answered, the listener catches up on notifications in flight (one shared round trip on its connection).
final class NotifiedCache<Key: Hashable & Sendable, Value: Sendable>: KeptValues {
    private struct State {
        var values: [Key: Value] = [:]
        /// Raised by every notification, so that a read overlapping one is not kept.
        var generation: UInt64 = 0
    }

    private let state = NIOLockedValueBox(State())
    private let listener: ChangeListener
    private let maximumEntries: Int

    /// `account`: the account a value belongs to, matched against notifications.
    init(listener: ChangeListener, maximumEntries: Int = 10_000, account: @escaping @Sendable (Value) -> Int) {
        self.listener = listener
        self.maximumEntries = maximumEntries
        listener.subscribe { [state] change in
            state.withLockedValue { state in
                state.generation &+= 1
                switch change {
                case .everything: state.values.removeAll()
                case .account(let id): state.values = state.values.filter { account($0.value) != id }
                }
            }
        }
    }

    /// Forgets every value (this process changed something: see `LocalChangeMiddleware`).
    func forgetAll() {
        state.withLockedValue { state in
            state.generation &+= 1
            state.values.removeAll()
        }
    }

    /// A kept value is answered only after `ChangeListener.catchUp()`: a commit another process acknowledged before
    /// this call is never answered from what was kept before it.
    func value(for key: Key, read: () async throws -> Value?) async rethrows -> Value? {
        var (kept, generation) = state.withLockedValue { ($0.values[key], $0.generation) }
        if kept != nil, listener.isListening, await listener.catchUp() {
            (kept, generation) = state.withLockedValue { ($0.values[key], $0.generation) }
            if let kept { return kept }
        }
        guard let value = try await read() else { return nil }
        guard listener.isListening else { return value }
        state.withLockedValue { state in
            guard state.generation == generation else { return }
            if state.values.count >= maximumEntries { state.values.removeAll(keepingCapacity: true) }
            state.values[key] = value
        }
        return value
    }
}
