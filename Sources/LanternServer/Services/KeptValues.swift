/// Values read from the database and kept in memory for as long as the database says they have not changed: on
/// SQLite by the file itself (`SQLiteFileCache`), on PostgreSQL by its notifications (`NotifiedCache`).
protocol KeptValues<Key, Value>: Sendable {
    associatedtype Key: Hashable & Sendable
    associatedtype Value: Sendable

    /// The value for `key`: kept, when nothing it was read from has changed since; otherwise `read` (whose `nil` is
    /// never kept).
    func value(for key: Key, read: () async throws -> Value?) async rethrows -> Value?
}

extension SQLiteFileCache: KeptValues {}
