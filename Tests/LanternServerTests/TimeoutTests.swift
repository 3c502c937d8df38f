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
                // Ignores cancellation for twenty seconds, as a pool waiting for a connection does.
                let end = Date().addingTimeInterval(20)
                while Date() < end { try? await Task.sleep(for: .milliseconds(20)); await Task.yield() }
                return 1
            }
        }
        // Far below the work's 20 s, with room for a machine busy with parallel tests (the limit is 0.2 s).
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(try await withTimeout(.seconds(5)) { 42 } == 42)
        await #expect(throws: CancellationError.self) {
            try await withTimeout(.seconds(5)) { () async throws -> Int in throw CancellationError() }
        }
    }
}
