import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LanternCore
import Testing
@testable import LanternServer

/// Two real `lantern serve` processes sharing one database, as in a scaled-out install.
@Suite("Several server processes")
struct MultiProcessTests {
    final class Server {
        let process = Process()
        let port: Int

        init(database: String, port: Int = LanternBinary.freePort(), environment: [String: String] = [:],
             standardError: FileHandle = FileHandle.nullDevice) throws {
            self.port = port
            process.executableURL = LanternBinary.url
            process.arguments = ["serve", "--hostname", "127.0.0.1", "--port", String(port)]
            process.environment = LanternBinary.environment(database: database).merging(environment) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = standardError
            try process.run()
        }

        var base: String { "http://127.0.0.1:\(port)" }

        /// Up to 60 s: a process starting on PostgreSQL while the whole suite runs in parallel took over 30 s once.
        func waitUntilHealthy() async throws {
            for _ in 0..<600 {
                if let (status, _) = try? await http("GET", "\(base)/healthz"), status == 200 { return }
                try await Task.sleep(for: .milliseconds(100))
            }
            throw TimeoutError()
        }

        deinit { if process.isRunning { process.terminate(); process.waitUntilExit() } }
    }

    /// Two server processes on `database`, both answering.
    static func twoServers(database: String, environment: [String: String] = [:]) async throws -> (Server, Server) {
        let servers = (try Server(database: database, environment: environment), try Server(database: database, environment: environment))
        try await servers.0.waitUntilHealthy()
        try await servers.1.waitUntilHealthy()
        return servers
    }

    @Test("Logout and a shared-secret reset on one process end the session on the other at once")
    func resetAcrossProcesses() async throws {
        try await LanternBinary.withAccount("Scaled", adminEmail: "ops@scaled.example", adminPassword: "scaled-pass") { database, account in
            let (first, second) = try await Self.twoServers(database: database)

            func signIn(on server: Server, email: String) async throws -> String {
                let token = TokenMinter.mint(name: "Customer", email: email, secret: account.sharedSecret)
                let (status, body) = try await http("POST", "\(server.base)/widget/v1/widgets/\(account.widgetID)/session",
                                                    json: ["token": token])
                #expect(status == 200)
                return try #require(body["session_token"] as? String)
            }
            func sessionStatus(_ session: String, on server: Server) async throws -> (Int, String?) {
                let (status, body) = try await http("GET", "\(server.base)/widget/v1/session", bearer: session)
                return (status, (body["error"] as? [String: Any])?["code"] as? String)
            }

            // A session made on one process works on the other; a logout on one is seen by the other.
            let loggedOut = try await signIn(on: first, email: "leaver@customer.example")
            #expect(try await sessionStatus(loggedOut, on: second).0 == 200)
            let (logoutStatus, _) = try await http("DELETE", "\(second.base)/widget/v1/session", bearer: loggedOut)
            #expect(logoutStatus == 204)
            #expect(try await sessionStatus(loggedOut, on: first) == (401, "session_invalid"))

            // A reset on the second process ends sessions the first process issued.
            let kept = try await signIn(on: first, email: "stayer@customer.example")
            #expect(try await sessionStatus(kept, on: second).0 == 200)
            let (resetStatus, resetBody) = try await http("POST", "\(second.base)/api/v2/settings/widget_security/reset",
                                                          bearer: account.apiKey)
            #expect(resetStatus == 200)
            #expect(resetBody["shared_secret"] as? String != account.sharedSecret)
            #expect(try await sessionStatus(kept, on: first) == (401, "session_invalid"))
            #expect(try await sessionStatus(kept, on: second) == (401, "session_invalid"))

            for server in [first, second] {
                server.process.terminate()
                server.process.waitUntilExit()
                #expect(server.process.terminationStatus == 0)
            }
        }
    }

    @Test("Search on one process finds what was written through another at once (each process's index follows the database)")
    func searchAcrossProcesses() async throws {
        try await LanternBinary.withAccount("Searched", adminEmail: "ops@searched.example", adminPassword: "searched-pass") { database, account in
            let (writer, reader) = try await Self.twoServers(database: database)
            let api = "\(writer.base)/api/v2/solutions"
            func search(_ term: String) async throws -> [Int] {
                let (status, body) = try await http("GET", "\(reader.base)/widget/v1/widgets/\(account.widgetID)/articles?query=\(term)")
                #expect(status == 200)
                return (body["articles"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
            }
            let category = try #require(try await http("POST", "\(api)/categories", json: ["name": "Help"], bearer: account.apiKey).1["id"] as? Int)
            let folder = try #require(try await http("POST", "\(api)/categories/\(category)/folders", json: ["name": "Open"], bearer: account.apiKey).1["id"] as? Int)
            #expect(try await search("platypus").isEmpty)  // the reader builds its index now
            let article = try #require(try await http("POST", "\(api)/folders/\(folder)/articles",
                                                      json: ["title": "Platypus care", "description": "<p>Feeding.</p>", "status": 2],
                                                      bearer: account.apiKey).1["id"] as? Int)
            #expect(try await search("platypus") == [article])
            _ = try await http("PUT", "\(api)/articles/\(article)", json: ["title": "Echidna care"], bearer: account.apiKey)
            #expect(try await search("platypus").isEmpty)
            #expect(try await search("echidna") == [article])
            _ = try await http("PUT", "\(api)/folders/\(folder)", json: ["visibility": 3], bearer: account.apiKey)
            #expect(try await search("echidna").isEmpty)
        }
    }

    @Test("A widget one process keeps in memory is read again as soon as another process changes the database")
    func widgetAcrossProcesses() async throws {
        try await LanternBinary.withAccount("Kept", adminEmail: "ops@kept.example", adminPassword: "kept-password") { database, account in
            let (writer, reader) = try await Self.twoServers(database: database)
            let api = "\(writer.base)/api/v2"
            let widget = "\(reader.base)/widget/v1/widgets/\(account.widgetID)"
            func search(_ term: String) async throws -> [Int] {
                let (status, body) = try await http("GET", "\(widget)/articles?query=\(term)")
                #expect(status == 200)
                return (body["articles"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
            }
            /// Past the reader's settle time, then read twice: the second read comes from what the reader keeps.
            func settle(_ read: () async throws -> Void) async throws {
                try await Task.sleep(for: .milliseconds(300))
                try await read()
                try await read()
            }
            let category = try #require(try await http("POST", "\(api)/solutions/categories", json: ["name": "Help"], bearer: account.apiKey).1["id"] as? Int)
            let other = try #require(try await http("POST", "\(api)/solutions/categories", json: ["name": "Other"], bearer: account.apiKey).1["id"] as? Int)
            let folder = try #require(try await http("POST", "\(api)/solutions/categories/\(category)/folders", json: ["name": "Open"], bearer: account.apiKey).1["id"] as? Int)
            let article = try #require(try await http("POST", "\(api)/solutions/folders/\(folder)/articles",
                                                      json: ["title": "Wombat burrows", "description": "<p>Digging.</p>", "status": 2],
                                                      bearer: account.apiKey).1["id"] as? Int)
            try await settle { () async throws in #expect(try await search("wombat") == [article]) }
            _ = try await http("PUT", "\(api)/widgets/\(account.widgetID)", json: ["name": "Renamed"], bearer: account.apiKey)
            #expect(try await http("GET", widget).1["name"] as? String == "Renamed")
            try await settle { () async throws in #expect(try await search("wombat") == [article]) }
            _ = try await http("PUT", "\(api)/widgets/\(account.widgetID)", json: ["category_ids": [other]], bearer: account.apiKey)
            #expect(try await search("wombat").isEmpty)
            _ = try await http("PUT", "\(api)/widgets/\(account.widgetID)", json: ["category_ids": [category]], bearer: account.apiKey)
            try await settle { () async throws in #expect(try await search("wombat") == [article]) }
            _ = try await http("PUT", "\(api)/solutions/articles/\(article)", json: ["status": 1], bearer: account.apiKey)
            #expect(try await search("wombat").isEmpty)
        }
    }

    @Test("A reply and a status change on one process are seen on the other at once")
    func conversationAcrossProcesses() async throws {
        try await LanternBinary.withAccount("Loop Procs", adminEmail: "ops@loop-procs.example", adminPassword: "loop-pass") { database, account in
            let (first, second) = try await Self.twoServers(database: database, environment: [:])
            let (_, created) = try await http("POST", "\(first.base)/api/v2/tickets", json: [
                "email": "procs@customer.example", "subject": "Across", "description": "Hello",
            ], bearer: account.apiKey)
            let id = try #require(created["id"] as? Int)
            let (replied, _) = try await http("POST", "\(first.base)/api/v2/tickets/\(id)/reply", json: ["body": "Answered on one"],
                                              bearer: account.apiKey)
            #expect(replied == 201)
            let (_, seen) = try await http("GET", "\(second.base)/api/v2/tickets/\(id)", bearer: account.apiKey)
            #expect(seen["status"] as? Int == 3)
            let (_, entries) = try await TicketCrashTests.getArray("\(second.base)/api/v2/tickets/\(id)/conversations", apiKey: account.apiKey)
            #expect(entries.map { $0["body_text"] as? String } == ["Answered on one"])
            _ = try await http("PUT", "\(second.base)/api/v2/tickets/\(id)", json: ["status": 4], bearer: account.apiKey)
            #expect(try await http("GET", "\(first.base)/api/v2/tickets/\(id)", bearer: account.apiKey).1["status"] as? Int == 4)
        }
    }

    @Test("The ticket rate limit is counted across processes")
    func rateLimitAcrossProcesses() async throws {
        try await LanternBinary.withAccount("Limited", adminEmail: "ops@limited.example", adminPassword: "limited-pass") { database, account in
            let environment = ["LANTERN_TICKET_RATE_LIMIT": "3/600"]
            let (first, second) = try await Self.twoServers(database: database, environment: environment)
            let ticket = ["name": "Busy Sender", "email": "busy@example.com", "subject": "Again", "description": "And again."]
            var statuses: [Int] = []
            for server in [first, second, first, second] {
                statuses.append(try await http("POST", "\(server.base)/widget/v1/widgets/\(account.widgetID)/tickets", json: ticket).0)
            }
            #expect(statuses == [201, 201, 201, 429])
        }
    }
}

/// A small JSON-over-HTTP client for tests against real server processes.
func http(_ method: String, _ url: String, json: [String: Any]? = nil, bearer: String? = nil) async throws -> (Int, [String: Any]) {
    var request = URLRequest(url: URL(string: url)!)
    request.httpMethod = method
    request.timeoutInterval = 10
    if let json {
        request.httpBody = try JSONSerialization.data(withJSONObject: json)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    }
    if let bearer { request.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization") }
    let (data, response) = try await URLSession.shared.data(for: request)
    let body = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    return ((response as! HTTPURLResponse).statusCode, body)
}
