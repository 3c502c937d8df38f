import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif
import LanternCore
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

@Suite("Observability")
struct ObservabilityTests {
    @Test("GET /metrics: requests by route and status, latency, token rejections, tickets, search latency, pool size")
    func metrics() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            _ = try await app.signIn(account)
            let expired = TokenMinter.mint(name: "N", email: "n@x.example", secret: account.sharedSecret, lifetime: -600)
            #expect(try await app.postSession(widgetID: account.widgetID, token: expired).status == .unauthorized)
            #expect(try await app.postTicket(widgetID: account.widgetID, TicketTests.ticket).status == .created)
            #expect(try await app.testing().sendRequest(.GET, "widget/v1/widgets/\(account.widgetID)/articles?query=invoice").status == .ok)
            #expect(try await app.testing().sendRequest(.GET, "nowhere").status == .notFound)
            // The customer portal's sign-in and search count too.
            #expect(try await app.testing().sendRequest(.GET, "support/login/jwt?token=garbage").status == .unauthorized)
            #expect(try await app.testing().sendRequest(.GET, "support/search?term=invoice").status == .ok)

            let response = try await app.testing().sendRequest(.GET, "metrics")
            #expect(response.status == .ok)
            #expect(response.headers.first(name: .contentType)?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = response.body.string
            for line in [
                #"lantern_http_requests_total{route="/widget/v1/widgets/:widget_id/session",method="POST",status="200"} 1"#,
                #"lantern_http_requests_total{route="/widget/v1/widgets/:widget_id/session",method="POST",status="401"} 1"#,
                #"lantern_http_requests_total{route="unmatched",method="GET",status="404"} 1"#,
                #"lantern_token_rejections_total{code="token_expired"} 1"#,
                #"lantern_tickets_created_total{verified="false"} 1"#,
                #"lantern_search_duration_seconds_count{source="widget"} 1"#,
                #"lantern_search_duration_seconds_count{source="support"} 1"#,
                #"lantern_token_rejections_total{code="malformed_token"} 1"#,
                #"lantern_http_request_duration_seconds_count{route="/widget/v1/widgets/:widget_id/tickets",method="POST"} 1"#,
            ] {
                #expect(text.contains(line), "missing: \(line)")
            }
            #expect(text.contains("lantern_db_pool_max_connections "))
            // Pool use: on PostgreSQL this process's connections by state (the scrape's own query is active).
            if app.db.isSQLite {
                #expect(text.contains(#"lantern_db_pool_connections{state="writing"} 0"#))
                #expect(text.contains(#"lantern_db_pool_connections{state="waiting"} 0"#))
            } else {
                let active = text.split(separator: "\n").first { $0.hasPrefix(#"lantern_db_pool_connections{state="active"} "#) }
                let count = active.flatMap { Double($0.split(separator: " ").last ?? "") } ?? 0
                #expect(count >= 1, "active connections: \(String(describing: active))")
                #expect(text.contains(#"lantern_db_pool_connections{state="idle"} "#))
            }
        }
    }

    @Test("Each response carries a request id: the caller's when it is sane, a new one otherwise")
    func requestIDs() async throws {
        try await withLantern { app in
            let echoed = try await app.testing().sendRequest(.GET, "healthz", headers: ["X-Request-Id": "abc-123_x.y"])
            #expect(echoed.headers.first(name: "X-Request-Id") == "abc-123_x.y")
            let replaced = try await app.testing().sendRequest(.GET, "healthz", headers: ["X-Request-Id": "bad id\n<script>"])
            let fresh = try #require(replaced.headers.first(name: "X-Request-Id"))
            #expect(fresh != "bad id\n<script>")
            #expect(UUID(uuidString: fresh) != nil)
        }
    }

    @Test("The server's log has one line per request with its id, and never a token, secret, API key, password or session cookie")
    func nothingSecretInLogs() async throws {
        let password = "pw-\(UUID().uuidString)"
        try await LanternBinary.withAccount("Logged Co", adminEmail: "ops@logged.example", adminPassword: password) { database, account in
            let logFile = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-log-\(UUID().uuidString).txt")
            #expect(FileManager.default.createFile(atPath: logFile.path, contents: nil))
            defer { try? FileManager.default.removeItem(at: logFile) }

            let server = try MultiProcessTests.Server(database: database, environment: ["LOG_LEVEL": "trace"],
                                                      standardError: FileHandle(forWritingTo: logFile))
            try await server.waitUntilHealthy()
            let token = TokenMinter.mint(name: "Logged Customer", email: "logged@customer.example", secret: account.sharedSecret)
            let (status, body) = try await http("POST", "\(server.base)/widget/v1/widgets/\(account.widgetID)/session", json: ["token": token])
            #expect(status == 200)
            let session = try #require(body["session_token"] as? String)
            let forged = TokenMinter.mint(name: "X", email: "x@x.example", secret: "wrong-secret-\(UUID().uuidString)")
            #expect(try await http("POST", "\(server.base)/widget/v1/widgets/\(account.widgetID)/session", json: ["token": forged]).0 == 401)
            #expect(try await http("GET", "\(server.base)/widget/v1/session", bearer: session).0 == 200)
            #expect(try await http("GET", "\(server.base)/support/login/jwt?token=\(token)").0 >= 200)
            let (_, reset) = try await http("POST", "\(server.base)/api/v2/settings/widget_security/reset", bearer: account.apiKey)
            let newSecret = try #require(reset["shared_secret"] as? String)
            #expect(try await http("GET", "\(server.base)/api/v2/tickets", bearer: "lantern_not_a_real_key").0 == 401)
            // The agent signs in to the portal with the password (over a raw socket, to read the session cookie set).
            func exchange(_ request: String) throws -> String {
                let socket = try RawHTTPSocket(port: server.port)
                try socket.send(Data(request.utf8))
                return try socket.readAll()
            }
            func cookies(in response: String) -> [String] {
                response.components(separatedBy: "\r\n").filter { $0.lowercased().hasPrefix("set-cookie:") }
                    .compactMap { $0.dropFirst("set-cookie:".count).split(separator: ";").first?.trimmingCharacters(in: .whitespaces) }
            }
            let page = try exchange("GET /agent/login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            let csrf = try #require(PortalBrowser.csrf(in: page))
            let form = [("csrf_token", csrf), ("email", "ops@logged.example"), ("password", password)]
                .map { PortalBrowser.encode($0.0) + "=" + PortalBrowser.encode($0.1) }.joined(separator: "&")
            let signedIn = try exchange("POST /agent/login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nCookie: \(cookies(in: page).joined(separator: "; "))\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: \(form.utf8.count)\r\n\r\n\(form)")
            #expect(signedIn.hasPrefix("HTTP/1.1 303"), "\(signedIn.prefix(300))")
            let agentCookie = try #require(cookies(in: signedIn).first { $0.hasPrefix(PortalSessionService.agentCookie + "=") }?
                .split(separator: "=", maxSplits: 1).last.map(String.init))
            server.process.terminate()
            server.process.waitUntilExit()

            let log = try String(contentsOf: logFile, encoding: .utf8)
            #expect(log.contains("request-id="))
            #expect(log.contains("route=/widget/v1/widgets/:widget_id/session"))
            #expect(log.contains("route=/agent/login"))
            for secret in [token, forged, session, account.sharedSecret, newSecret, account.apiKey, password, agentCookie, csrf, "lantern_not_a_real_key"] {
                #expect(!log.contains(secret), "the log contains a secret value")
            }
            // Not even a recognisable piece of a token (its signature).
            #expect(!log.contains(String(token.split(separator: ".").last!)))
        }
    }

    @Test("SIGTERM lets an in-flight request finish, then the server exits 0")
    func drainsOnSIGTERM() async throws {
        try await LanternBinary.withAccount("Drain Co", adminEmail: "ops@drain.example", adminPassword: "drain-pass") { database, account in
            let server = try MultiProcessTests.Server(database: database)
            try await server.waitUntilHealthy()

            // A ticket whose body arrives in two halves, with SIGTERM sent in between.
            let body = Data(#"{"name": "Slow Sender", "email": "slow@example.com", "subject": "Sent slowly", "description": "Half now, half later."}"#.utf8)
            let socket = try RawHTTPSocket(port: server.port)
            try socket.send(Data("POST /widget/v1/widgets/\(account.widgetID)/tickets HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n".utf8))
            try socket.send(body.prefix(40))
            try await Task.sleep(for: .milliseconds(300))
            kill(server.process.processIdentifier, SIGTERM)
            try await Task.sleep(for: .milliseconds(300))
            try socket.send(body.dropFirst(40))
            let response = try socket.readAll()
            #expect(response.hasPrefix("HTTP/1.1 201"), "\(response.prefix(200))")
            server.process.waitUntilExit()
            #expect(server.process.terminationStatus == 0)
        }
    }
}

/// A blocking TCP client on loopback, for sending a request in pieces.
final class RawHTTPSocket {
    private let descriptor: Int32

    init(port: Int) throws {
        descriptor = try connectedLoopbackSocket(port: port)
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    func send(_ data: Data) throws {
        let sent = data.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, data.count, Int32(MSG_NOSIGNAL)) }
        guard sent == data.count else { throw POSIXError(.EPIPE) }
    }

    func readAll() throws -> String {
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: received, as: UTF8.self)
    }

    deinit { close(descriptor) }
}
