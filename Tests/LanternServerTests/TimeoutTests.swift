import Foundation
import Testing
@testable import LanternServer

@Suite("withTimeout")
struct TimeoutTests {
    @Test("Gives up at the limit even when the work ignores cancellation, and passes on the work's answer in time")
    func givesUpAtTheLimit() async throws {
        let started = Date()
        await #expect(throws: TimeoutError.self) {
            try await withTimeout(.milliseconds(200)) {
                // Ignores cancellation for a minute, as a pool waiting for a connection does.
                let end = Date().addingTimeInterval(60)
                while Date() < end { try? await Task.sleep(for: .milliseconds(20)); await Task.yield() }
                return 1
            }
        }
        // Far below the work's 60 s, with room for a machine busy with parallel tests (the limit is 0.2 s; at the
        // suite's start, the CPU-bound tests running beside it have held the task threads for 15 s).
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(try await withTimeout(.seconds(5)) { 42 } == 42)
        await #expect(throws: CancellationError.self) {
            try await withTimeout(.seconds(5)) { () async throws -> Int in throw CancellationError() }
        }
    }
}
