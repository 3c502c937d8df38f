import Foundation
import NIOConcurrencyHelpers

/// Gives the memory of dropped search structures back to the system. glibc keeps freed blocks for reuse and returns
/// only the top of each heap, so a process that evicted accounts' indexes would otherwise stay as large as it was
/// (and the builds that follow, on other threads' heaps, would add to it); `malloc_trim` returns every free page.
/// Asked for after evictions, it runs at once on a thread of its own, one release at a time (frees announced during
/// one are covered by another right after). Where the C library has no `malloc_trim` (not glibc), nothing happens.
enum FreedMemoryRelease {
    private typealias Trim = @convention(c) (Int) -> Int32

    private static let trim: Trim? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim")
        .map { unsafeBitCast($0, to: Trim.self) }

    private struct State {
        /// Whether a release is running, and whether frees were announced after it started.
        var running = false
        var again = false
        /// Counts the frees announced by `soon`; `released` is the count the last finished release covered.
        var freed = 0
        var released = 0
    }

    private static let state = NIOLockedValueBox(State())
    /// Releases block their thread for a while (tens of milliseconds in a large heap): never one of the tasks'.
    private static let queue = DispatchQueue(label: "lantern.freed-memory-release", qos: .utility)

    /// Releases the memory freed so far in the background, unless a release is running (then another follows it).
    static func soon() {
        guard let trim else { return }
        let start = state.withLockedValue { state in
            state.freed += 1
            guard !state.running else {
                state.again = true
                return false
            }
            state.running = true
            return true
        }
        guard start else { return }
        queue.async {
            repeat {
                let covering = state.withLockedValue { state in
                    state.again = false
                    return state.freed
                }
                _ = trim(0)
                state.withLockedValue { $0.released = max($0.released, covering) }
            } while state.withLockedValue { state in
                state.running = state.again
                return state.again
            }
        }
    }

    /// Whether every free announced by `soon` has been released, so that the resident memory measured next is not
    /// inflated by them (when not, a release is running).
    static func isCaughtUp() -> Bool {
        state.withLockedValue { $0.released == $0.freed }
    }
}
