import Fluent
import Foundation
import LanternCore
import Testing
import Vapor
@testable import LanternServer

/// Item 5 of issue 14: slow clients are dropped (`LANTERN_IDLE_TIMEOUT`, `LANTERN_BODY_TIMEOUT`) and a declared
/// `Content-Length` over the route's limit is refused at once. Every test talks to a listening server over sockets.
@Suite("Slow clients")
struct SlowClientTests {
    @Test("A declared Content-Length over the route's limit is answered 413 at once, without waiting for the body")
    func declaredLengthOverLimit() async throws {
        try await withListeningLantern { app, port in
            let account = try await makeAccount(app)
            let session = try SlowClient(port: port)
            try await session.send("POST /widget/v1/widgets/\(account.widgetID)/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             + "Content-Type: application/json\r\nContent-Length: 99999999999\r\n\r\n{\"token\":")
            let started = ContinuousClock.now
            guard case .response(let status, _, let body) = try await session.read(timeout: .seconds(5)) else { Issue.record("closed"); return }
            #expect(status == 413)
            #expect(body.contains("\"payload_too_large\""))
            #expect(ContinuousClock.now - started < .seconds(4))

            let ticket = try SlowClient(port: port)
            try await ticket.send(ticketHead(widgetID: account.widgetID, contentType: "multipart/form-data; boundary=x",
                                       contentLength: 30 << 20) + "--x\r\n")
            guard case .response(let ticketStatus, _, _) = try await ticket.read(timeout: .seconds(5)) else { Issue.record("closed"); return }
            #expect(ticketStatus == 413)

            // Within the route's limit the request is read as usual.
            let allowed = try SlowClient(port: port)
            let json = #"{"token":"x"}"#
            try await allowed.send("POST /widget/v1/widgets/\(account.widgetID)/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             + "Content-Type: application/json\r\nContent-Length: \(json.utf8.count)\r\n\r\n\(json)")
            guard case .response(let allowedStatus, _, _) = try await allowed.read(timeout: .seconds(5)) else { Issue.record("closed"); return }
            #expect(allowedStatus == 401)
        }
    }

    @Test("Connections that stop half-way through a request head are closed after the idle timeout")
    func stalledHeadsClosed() async throws {
        try await withListeningLantern({ $0.idleTimeout = .seconds(1) }) { _, port in
            let clients = try (0..<100).map { _ in try SlowClient(port: port) }
            for client in clients { try await client.send("GET /healthz HTTP/1.1\r\nHost: 12") }
            let started = ContinuousClock.now
            for client in clients { #expect(try await client.read(timeout: .seconds(10)) == .closed) }
            #expect(ContinuousClock.now - started < .seconds(8))
        }
    }

    @Test("A keep-alive connection with no next request, or a head with no body after it, is closed after the idle timeout")
    func idleConnectionsClosed() async throws {
        // Long enough that a request answered slowly on a loaded machine is not itself cut off (the idle timer runs
        // while a handler works too).
        try await withListeningLantern({ $0.idleTimeout = .seconds(5) }) { app, port in
            let client = try SlowClient(port: port)
            try await client.send("GET /openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            guard case .response(let status, _, _) = try await client.read() else { Issue.record("closed"); return }
            #expect(status == 200)
            #expect(try await client.read(timeout: .seconds(15)) == .closed)

            let account = try await makeAccount(app)
            let waiting = try SlowClient(port: port)
            try await waiting.send(ticketHead(widgetID: account.widgetID, contentType: "application/json", contentLength: 100))
            #expect(try await waiting.read(timeout: .seconds(15)) == .closed)
        }
    }

    @Test("An upload whose body stops arriving is answered 408 request_timeout, and nothing is stored")
    func stalledBodyTimesOut() async throws {
        try await withListeningLantern({ $0.bodyTimeout = .seconds(1); $0.idleTimeout = .seconds(30) }) { app, port in
            let account = try await makeAccount(app)
            let form = multipartTicket(subject: "stalled", files: [("stall.png", samplePNG(1 << 20))])
            let client = try SlowClient(port: port)
            try await client.send(ticketHead(widgetID: account.widgetID, contentType: form.contentType, contentLength: form.body.count))
            try await client.send(form.body.prefix(200_000))
            let started = ContinuousClock.now
            guard case .response(let status, _, let body) = try await client.read(timeout: .seconds(10)) else { Issue.record("closed"); return }
            #expect(status == 408)
            #expect(body.contains("\"request_timeout\""))
            // Within the 1 s body timeout plus room for a machine busy with the whole suite (the read gives up at 10 s).
            #expect(ContinuousClock.now - started < .seconds(9))
            try await UploadHardeningTests.budgetDrained(app)
            #expect(spooledFiles(app).isEmpty)
            #expect(try await UploadHardeningTests.ticketCount(app, account) == (0, 0))
        }
    }
}
