import Foundation
import NIOConcurrencyHelpers

/// The process's resident memory that the search structures' estimates do not cover: what it holds beyond its base
/// (its resident memory when first asked, before any search structure is built) and beyond the structures held.
/// SQLite's page caches, request buffers, builds' passing allocations and the allocator's keeping all count; the
/// search memory budget leaves room for them, so that the process stays within budget + base.
final class ResidentMemory: Sendable {
    private let residentBytes: @Sendable () -> Int?
    private let isCaughtUp: @Sendable () -> Bool
    private let state = NIOLockedValueBox<(base: Int?, unbudgeted: Int)>((nil, 0))

    /// `read`: the resident bytes now (`nil` when unknown); by default this process's, from `/proc/self/statm`.
    /// `isCaughtUp`: whether freed search structures have been given back to the system (by default
    /// `FreedMemoryRelease.isCaughtUp`).
    init(read: @escaping @Sendable () -> Int? = ResidentMemory.ofThisProcess,
         isCaughtUp: @escaping @Sendable () -> Bool = FreedMemoryRelease.isCaughtUp) {
        residentBytes = read
        self.isCaughtUp = isCaughtUp
    }

    /// The bytes resident beyond the base and `held` (never negative; 0 when unknown). While freed search structures
    /// wait to be given back to the system (they would count here), or the resident memory is not known, the last
    /// figure stands.
    func unbudgeted(held: Int) -> Int {
        guard isCaughtUp(), let resident = residentBytes() else { return state.withLockedValue { $0.unbudgeted } }
        return state.withLockedValue { state in
            guard let base = state.base else {
                state.base = resident
                return 0
            }
            state.unbudgeted = max(0, resident - base - held)
            return state.unbudgeted
        }
    }

    /// This process's resident bytes (the second field of `/proc/self/statm`, in pages); `nil` where there is none.
    @Sendable static func ofThisProcess() -> Int? {
        let file = open("/proc/self/statm", O_RDONLY)
        guard file >= 0 else { return nil }
        defer { close(file) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = buffer.withUnsafeMutableBytes { read(file, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        let fields = buffer[..<count].split(separator: UInt8(ascii: " "))
        guard fields.count > 1, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
