import NIOConcurrencyHelpers

/// `withTimeout` gave up: the work did not finish within its limit.
struct TimeoutError: Error {}

/// Runs `work`, giving up with `TimeoutError` after `limit`. The caller gets its answer at the limit even when `work`
/// ignores cancellation (a database pool waiting for a connection does): `work` is cancelled and left to end on its own.
func withTimeout<T: Sendable>(_ limit: Duration, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
    let waiting = NIOLockedValueBox<CheckedContinuation<T, any Error>?>(nil)
    let timerTask = NIOLockedValueBox<Task<Void, Never>?>(nil)
    return try await withCheckedThrowingContinuation { continuation in
        waiting.withLockedValue { $0 = continuation }
        let worker = Task {
            let result: Result<T, any Error>
            do { result = .success(try await work()) } catch { result = .failure(error) }
            guard let continuation = waiting.withLockedValue({ $0.take() }) else { return }
            timerTask.withLockedValue { $0 }?.cancel()
            continuation.resume(with: result)
        }
        let timer = Task {
            guard (try? await Task.sleep(for: limit)) != nil,
                  let continuation = waiting.withLockedValue({ $0.take() }) else { return }
            worker.cancel()
            continuation.resume(throwing: TimeoutError())
        }
        timerTask.withLockedValue { $0 = timer }
    }
}
