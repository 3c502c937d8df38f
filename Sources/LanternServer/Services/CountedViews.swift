import NIOConcurrencyHelpers
import Vapor

/// The article views this process has already counted today, so that a visitor reading an article again costs no
/// write (the database's unique key still keeps processes from counting one view twice). Forgotten when the day
/// changes, and all at once when `capacity` is reached.
final class CountedViews: Sendable {
    private let counted = NIOLockedValueBox<(day: String, keys: Set<String>)>(("", []))
    let capacity: Int

    init(capacity: Int = 200_000) {
        self.capacity = capacity
    }

    /// Whether `key` (an article and a visitor) was counted on `day` by this process.
    func contains(_ key: String, day: String) -> Bool {
        counted.withLockedValue { $0.day == day && $0.keys.contains(key) }
    }

    /// Remembers that `key` is counted on `day`.
    func insert(_ key: String, day: String) {
        counted.withLockedValue { counted in
            if counted.day != day || counted.keys.count >= capacity { counted = (day, []) }
            counted.keys.insert(key)
        }
    }
}

extension Application {
    private struct CountedViewsKey: StorageKey { typealias Value = CountedViews }

    /// This process's memory of the views it counted today (made by `configure`).
    var countedViews: CountedViews {
        get {
            guard let views = storage[CountedViewsKey.self] else { fatalError("configure(_:settings:) was not called") }
            return views
        }
        set { storage[CountedViewsKey.self] = newValue }
    }
}
