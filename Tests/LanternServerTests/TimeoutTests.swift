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
                // Ignores cancellation for two seconds, as a pool waiting for a connection does.
                let end = Date().addingTimeInterval(2)
                while Date() < end { try? await Task.sleep(for: .milliseconds(20)); await Task.yield() }
                return 1
            }
        }
        #expect(Date().timeIntervalSince(started) < 1.5)
        #expect(try await withTimeout(.seconds(5)) { 42 } == 42)
        await #expect(throws: CancellationError.self) {
            try await withTimeout(.seconds(5)) { () async throws -> Int in throw CancellationError() }
        }
    }
}
