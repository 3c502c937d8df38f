import Foundation
import NIOConcurrencyHelpers

/// Gives the memory of dropped search structures back to the system. glibc keeps freed blocks for reuse and returns
/// only the top of each heap, so a process that evicted accounts' indexes would otherwise stay as large as it was;
/// `malloc_trim` returns every free page. Asked for after evictions, it runs at most once a second, in the
/// background. Where the C library has no `malloc_trim` (not glibc), nothing happens.
enum FreedMemoryRelease {
    private typealias Trim = @convention(c) (Int) -> Int32

    nonisolated(unsafe) private static let trim: Trim? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim")
        .map { unsafeBitCast($0, to: Trim.self) }
    /// Whether a release is scheduled, and when the last one ran.
    private static let state = NIOLockedValueBox<(scheduled: Bool, last: ContinuousClock.Instant?)>((false, nil))

    static let interval = Duration.seconds(1)

    /// Schedules a release (a second after the last one at the earliest) unless one is already scheduled.
    static func soon() {
        guard let trim else { return }
        let wait: Duration? = state.withLockedValue { state in
            guard !state.scheduled else { return nil }
            state.scheduled = true
            guard let last = state.last else { return .zero }
            return max(.zero, interval - (ContinuousClock.now - last))
        }
        guard let wait else { return }
        Task.detached(priority: .background) {
            try? await Task.sleep(for: wait)
            state.withLockedValue { $0 = (false, ContinuousClock.now) }
            _ = trim(0)
        }
    }
}
