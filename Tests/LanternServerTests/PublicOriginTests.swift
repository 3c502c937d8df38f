import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// Absolute links (the pagination `Link` header) start from `LANTERN_PUBLIC_URL`, or from the forwarded headers
/// only behind a proxy, and only with http or https; a hostile `Host` never becomes part of a link.
@Suite("Public origin")
struct PublicOriginTests {
    func origin(_ app: Application, _ headers: HTTPHeaders) -> String? {
        Request(application: app, method: .GET, url: "/api/v2/companies", headers: headers, on: app.eventLoopGroup.next()).publicOrigin
    }

    @Test("Without a proxy, forwarded headers are ignored and only a plain Host is used")
    func withoutProxy() async throws {
        try await withLantern(migrate: false) { app in
            #expect(origin(app, ["Host": "help.example.com:8080", "X-Forwarded-Proto": "javascript"]) == "http://help.example.com:8080")
            #expect(origin(app, ["Host": "help.example.com", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example"]) == "http://help.example.com")
            for hostile in ["evil.example/x", "evil.example@other", "a b", "evil.example\r\nSet-Cookie: x=1", "", "evil.example:99999"] {
                #expect(origin(app, ["Host": hostile]) == nil, "\(hostile)")
            }
        }
    }

    @Test("Behind a proxy, the forwarded scheme counts only when it is http or https")
    func behindProxy() async throws {
        try await withLantern(migrate: false) { app in
            app.lantern.behindProxy = true
            #expect(origin(app, ["Host": "internal:8080", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "help.example.com"]) == "https://help.example.com")
            #expect(origin(app, ["Host": "help.example.com", "X-Forwarded-Proto": "javascript"]) == "http://help.example.com")
        }
    }

    @Test("LANTERN_PUBLIC_URL wins over every header")
    func configured() async throws {
        try await withLantern(migrate: false) { app in
            app.lantern.publicURL = "https://help.example.com"
            #expect(origin(app, ["Host": "evil.example", "X-Forwarded-Proto": "javascript"]) == "https://help.example.com")
        }
    }

    @Test("The pagination Link header never carries a hostile scheme or host")
    func linkHeader() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            for name in ["A", "B", "C"] {
                let created = try await app.testing().sendRequest(.POST, "api/v2/companies", headers: [
                    "Authorization": "Bearer \(account.apiKey)", "Content-Type": "application/json",
                ], body: ByteBuffer(string: #"{"name": "\#(name)"}"#))
                #expect(created.status == .created)
            }
            let page = try await app.testing().sendRequest(.GET, "api/v2/companies?per_page=2", headers: [
                "Authorization": "Bearer \(account.apiKey)", "Host": "evil.example/x", "X-Forwarded-Proto": "javascript",
            ])
            #expect(page.headers.first(name: .link) == "</api/v2/companies?per_page=2&page=2>; rel=\"next\""
                    || page.headers.first(name: .link) == "</api/v2/companies?page=2&per_page=2>; rel=\"next\"")
        }
    }
}
