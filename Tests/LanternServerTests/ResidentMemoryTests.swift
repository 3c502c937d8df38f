import Foundation
import NIOConcurrencyHelpers
import Testing
@testable import LanternServer

/// What the search memory budget leaves for the rest of the process (issue 20, item 3): resident memory beyond the
/// base and the structures held.
@Suite("Resident memory beyond the base and the search structures")
struct ResidentMemoryTests {
    /// A resident memory that reads `readings` in turn (`nil` entries: unknown).
    static func memory(_ readings: [Int?], released: Bool = true) -> ResidentMemory {
        let next = NIOLockedValueBox(readings[...])
        return ResidentMemory(read: { next.withLockedValue { $0.popFirst() ?? nil } }, isCaughtUp: { released })
    }

    @Test("The first reading is the base; later ones count what is beyond it and the structures held, never below 0")
    func beyondBaseAndHeld() {
        let memory = Self.memory([100, 150, 130, 400])
        #expect(memory.unbudgeted(held: 0) == 0)
        #expect(memory.unbudgeted(held: 20) == 30)
        #expect(memory.unbudgeted(held: 40) == 0)
        #expect(memory.unbudgeted(held: 250) == 50)
    }

    @Test("While freed memory is still held by the allocator, or the reading is unknown, the last figure stands")
    func lastFigureStands() {
        let known = Self.memory([100, 160, nil, 120])
        #expect(known.unbudgeted(held: 0) == 0)
        #expect(known.unbudgeted(held: 10) == 50)
        #expect(known.unbudgeted(held: 10) == 50)
        #expect(known.unbudgeted(held: 10) == 10)

        let unreleased = Self.memory([100, 900], released: false)
        #expect(unreleased.unbudgeted(held: 0) == 0)
        #expect(unreleased.unbudgeted(held: 0) == 0)
    }

    @Test("Freed search structures are given back in the background: the release catches up with every free announced")
    func releaseCatchesUp() async throws {
        FreedMemoryRelease.soon()
        FreedMemoryRelease.soon()
        let deadline = ContinuousClock.now + .seconds(30)
        while !FreedMemoryRelease.isCaughtUp(), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(FreedMemoryRelease.isCaughtUp())
    }

    @Test("This process's resident memory is read from /proc/self/statm: the figure the kernel reports as VmRSS, memory in use included")
    func thisProcess() throws {
        /// `VmRSS` of `/proc/self/status`, in bytes.
        func statusFigure() throws -> Int {
            let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
            let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") })
            return try #require(Int(line.split(separator: " ")[1])) * 1024
        }
        let size = 64 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 4096)
        defer { buffer.deallocate() }
        for offset in stride(from: 0, to: size, by: 4096) { buffer[offset] = 1 }

        let statm = try #require(ResidentMemory.ofThisProcess())
        let status = try statusFigure()
        #expect(statm >= size)
        // Read a moment apart in a process where other tests allocate: close, not equal.
        #expect(abs(statm - status) < 16 << 20, "statm \(statm), VmRSS \(status)")
    }
}
