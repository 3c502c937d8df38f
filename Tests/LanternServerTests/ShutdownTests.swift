import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing
import Vapor
@testable import LanternServer

/// Stopping the server never closes the databases under a request still being answered, even one whose client has
/// gone (its connection is closed, so the server's own shutdown does not wait for it).
@Suite("Stopping waits for requests still being answered")
struct ShutdownTests {
    @Test("A request whose client went away is answered to its end, with its database, before stopping returns")
    func waitsForAbandonedRequest() async throws {
        let location = TestDatabase.makeLocation()
        defer { TestDatabase.removeSQLiteFiles(location) }
        let app = try await Application.make(.testing)
        app.logger.logLevel = .critical
        let progress = NIOLockedValueBox((started: false, finished: false, databaseAnswered: false))
        do {
            var settings = LanternSettings(database: location, bcryptCost: 4)
            settings.searchMemoryCountsResident = false
            try configure(app, settings: settings)
            // A request that takes a second, then reads the database, as a search waiting for its index would.
            app.get("test-slow") { request async throws -> String in
                progress.withLockedValue { $0.started = true }
                try await Task.sleep(for: .seconds(1))
                let stillOpen = !request.application.didShutdown
                if stillOpen { _ = try await (request.db as! any SQLDatabase).raw("SELECT 1 AS one").all() }
                progress.withLockedValue { $0.databaseAnswered = stillOpen; $0.finished = true }
                return "done"
            }
            try await MigrationGate.shared.migrate(app)
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))

            let socket = try connectedLoopbackSocket(port: app.http.server.shared.localAddress!.port!)
            let request = Array("GET /test-slow HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8)
            #expect(request.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) } == request.count)
            while !progress.withLockedValue({ $0.started }) { try await Task.sleep(for: .milliseconds(10)) }
            close(socket)
            try await Task.sleep(for: .milliseconds(100))

            await LanternApp.stopServing(app)
            #expect(progress.withLockedValue { $0.finished }, "stopping returned before the request was answered")
            #expect(app.requestsInFlight.current == 0)
        } catch {
            await app.server.shutdown()
            try? await app.asyncShutdown()
            throw error
        }
        // Were stopping not to wait, the request must still end before the databases close (or it would crash).
        while !progress.withLockedValue({ $0.finished }) { try await Task.sleep(for: .milliseconds(10)) }
        try await app.asyncShutdown()
        #expect(progress.withLockedValue { $0.databaseAnswered })
    }

    @Test("Waiting for requests in flight gives up at its limit, and ends as soon as the last one finishes")
    func drainedWithin() async {
        let requests = RequestsInFlight()
        #expect(await requests.drained(within: .zero))
        requests.started()
        requests.started()
        let clock = ContinuousClock()
        let start = clock.now
        #expect(await !requests.drained(within: .milliseconds(200)))
        #expect(clock.now - start >= .milliseconds(200))
        requests.finished()
        Task {
            try await Task.sleep(for: .milliseconds(100))
            requests.finished()
        }
        #expect(await requests.drained(within: .seconds(30)))
        #expect(requests.current == 0)
    }
}
