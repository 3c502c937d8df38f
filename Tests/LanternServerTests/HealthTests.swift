import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

@Suite("Health and errors")
struct HealthTests {
    @Test("GET /healthz reports ok and the database kind after a real round trip")
    func healthy() async throws {
        try await withLantern { app in
            let response = try await app.testing().sendRequest(.GET, "healthz")
            #expect(response.status == .ok)
            let body = try response.json([String: String].self)
            #expect(body == ["status": "ok", "database": TestDatabase.isPostgres ? "postgres" : "sqlite"])
        }
    }

    @Test("GET /healthz answers 503 with the same shape when the database is unreachable")
    func unreachable() async throws {
        let location: DatabaseLocation = TestDatabase.isPostgres
            ? .postgres(url: "postgres://lantern:lantern@127.0.0.1:1/nowhere")
            : .sqlite(path: "/nonexistent-\(UUID().uuidString)/lantern.sqlite")
        try await withLantern(location: location, migrate: false) { app in
            let started = Date()
            let response = try await app.testing().sendRequest(.GET, "healthz")
            #expect(response.status == .serviceUnavailable)
            let body = try response.json([String: String].self)
            #expect(body == ["status": "unavailable", "database": location.kind])
            // Well before a hang (a pool waiting forever), with room for a machine busy with parallel tests.
            #expect(Date().timeIntervalSince(started) < 30)
        }
    }

    @Test("Unknown routes answer 404 not_found in the JSON error shape")
    func unknownRoute() async throws {
        try await withLantern { app in
            for path in ["nope", "api/v2/nothing-here", "widget/v1/%00"] {
                let response = try await app.testing().sendRequest(.GET, path)
                #expect(response.status == .notFound)
                #expect(response.headers.contentType == .json)
                #expect(response.error?.code == "not_found")
                #expect(response.error?.message.isEmpty == false)
            }
        }
    }
}
