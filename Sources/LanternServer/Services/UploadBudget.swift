import NIOConcurrencyHelpers
import Vapor

/// The bytes of request bodies this process is receiving at once (`LANTERN_UPLOAD_BUDGET`): an upload reserves
/// what it declares (or, without a `Content-Length`, what has arrived so far) before reading it, and gives it back
/// when its request ends. A reservation that does not fit is refused, and the request answered 503 rather than
/// let many large uploads exhaust memory or starve everyone else.
final class UploadBudget: Sendable {
    /// The most bytes reserved at once.
    let capacity: Int
    private let reserved = NIOLockedValueBox(0)

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Whole seconds a refused upload is told to wait (`Retry-After`).
    static let retryAfterSeconds = 5

    /// The answer to an upload the budget has no room for.
    static let full = AppError(.serviceUnavailable, "The server is receiving too many uploads; try again in \(retryAfterSeconds) seconds.",
                               headers: ["Retry-After": String(retryAfterSeconds)])

    /// The bytes reserved now.
    var inUse: Int { reserved.withLockedValue { $0 } }

    /// Reserves `bytes` if they fit beside the other reservations.
    func reserve(_ bytes: Int) -> Bool {
        reserved.withLockedValue { total in
            guard bytes >= 0, bytes <= capacity - total else { return false }
            total += bytes
            return true
        }
    }

    /// Gives back `bytes` an earlier `reserve` took.
    func release(_ bytes: Int) {
        reserved.withLockedValue { $0 = max(0, $0 - bytes) }
    }

    /// One request's share of the budget, grown as its body turns out larger; `release()` gives it all back.
    final class Reservation: Sendable {
        private let budget: UploadBudget
        private let held = NIOLockedValueBox(0)

        init(_ budget: UploadBudget) {
            self.budget = budget
        }

        /// Makes the reservation at least `bytes`; `false` (and unchanged) when the budget has no room for it.
        func cover(_ bytes: Int) -> Bool {
            held.withLockedValue { held in
                guard bytes > held else { return true }
                guard budget.reserve(bytes - held) else { return false }
                held = bytes
                return true
            }
        }

        func release() {
            held.withLockedValue { held in
                budget.release(held)
                held = 0
            }
        }
    }
}

extension Application {
    private struct UploadBudgetKey: StorageKey {
        typealias Value = UploadBudget
    }

    /// The process's upload budget, sized by `LanternSettings.uploadBudget` in `configure`.
    var uploadBudget: UploadBudget {
        get {
            guard let budget = storage[UploadBudgetKey.self] else { fatalError("configure(_:settings:) was not called") }
            return budget
        }
        set { storage[UploadBudgetKey.self] = newValue }
    }
}
