import NIOConcurrencyHelpers
import Vapor

/// The requests being answered. Stopping the server waits for its connections, but a request whose client has gone
/// is still being answered after its connection closed; shutting down waits for those too (`drained`), so that the
/// databases never close under a request.
final class RequestsInFlight: Sendable {
    private let count = NIOLockedValueBox(0)

    func started() { count.withLockedValue { $0 += 1 } }

    func finished() { count.withLockedValue { $0 -= 1 } }

    /// How many are being answered now.
    var current: Int { count.withLockedValue { $0 } }

    /// Waits until no request is being answered, at most `limit`; whether none is.
    func drained(within limit: Duration, checkingEvery interval: Duration = .milliseconds(10)) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while current > 0 {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: interval)
        }
        return true
    }
}

extension Application {
    private struct RequestsInFlightKey: StorageKey { typealias Value = RequestsInFlight }

    /// The requests this application is answering (counted by `RequestObservationMiddleware`).
    var requestsInFlight: RequestsInFlight {
        get {
            guard let requests = storage[RequestsInFlightKey.self] else { fatalError("configure(_:settings:) was not called") }
            return requests
        }
        set { storage[RequestsInFlightKey.self] = newValue }
    }
}
