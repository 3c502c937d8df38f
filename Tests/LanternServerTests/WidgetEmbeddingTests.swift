import Fluent
import Foundation
import LanternCore
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// The loader, the frame page and its assets, the config's CORS, and the demo site's token endpoint.
@Suite("Widget embedding")
struct WidgetEmbeddingTests {
    @Test("loader.js: JavaScript, cacheable for a short while, revalidated by ETag, loadable cross-origin")
    func loader() async throws {
        try await withLantern { app in
            let response = try await app.testing().sendRequest(.GET, "widget/v1/loader.js")
            #expect(response.status == .ok)
            #expect(response.headers.contentType?.subType == "javascript")
            #expect(response.headers.first(name: .cacheControl) == "public, max-age=300")
            #expect(response.headers.first(name: "Cross-Origin-Resource-Policy") == "cross-origin")
            #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(response.body.string.contains("lanternSettings"))
            #expect(response.body.string.contains("fwSettings"))
            let etag = try #require(response.headers.first(name: .eTag))
            let again = try await app.testing().sendRequest(.GET, "widget/v1/loader.js", headers: ["If-None-Match": etag])
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
            let stale = try await app.testing().sendRequest(.GET, "widget/v1/loader.js", headers: ["If-None-Match": "\"old\""])
            #expect(stale.status == .ok)
        }
    }

    @Test("The frame names its script and style by digest; those are immutable, others are not served")
    func frameAssets() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let frame = try await app.testing().sendRequest(.GET, "widget/v1/widgets/\(account.widgetID)/frame")
            #expect(frame.status == .ok)
            #expect(frame.headers.contentType == .html)
            #expect(frame.headers.first(name: .cacheControl) == "no-cache")
            let html = frame.body.string
            for (name, subType) in [("widget.js", "javascript"), ("widget.css", "css")] {
                let pattern = "/widget/v1/assets/\(name)?v="
                let start = try #require(html.range(of: pattern)).upperBound
                let digest = String(html[start...].prefix { $0.isHexDigit })
                #expect(digest.count == 32)
                let versioned = try await app.testing().sendRequest(.GET, "widget/v1/assets/\(name)?v=\(digest)")
                #expect(versioned.status == .ok)
                #expect(versioned.headers.contentType?.subType == subType)
                #expect(versioned.headers.first(name: .cacheControl) == "public, max-age=31536000, immutable")
                let plain = try await app.testing().sendRequest(.GET, "widget/v1/assets/\(name)?v=stale")
                #expect(plain.headers.first(name: .cacheControl) == "public, max-age=300")
            }
            for path in ["widget/v1/assets/loader.sh", "widget/v1/assets/frame.html", "widget/v1/assets/..%2Fwidget.js",
                         "widget/v1/assets/%2e%2e%2f%2e%2e%2fPackage.swift"] {
                let response = try await app.testing().sendRequest(.GET, path)
                #expect(response.status == .notFound, "\(path)")
                #expect(response.error?.code == "not_found")
            }
        }
    }

    @Test("The frame may be embedded only by the widget's allowed origins (CSP frame-ancestors)")
    func frameAncestors() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let path = "widget/v1/widgets/\(account.widgetID)/frame"
            let open = try await app.testing().sendRequest(.GET, path)
            let openPolicy = try #require(open.headers.first(name: "Content-Security-Policy"))
            #expect(openPolicy.contains("frame-ancestors *"))
            #expect(openPolicy.contains("script-src 'self'"))
            #expect(openPolicy.contains("connect-src 'self'"))
            #expect(!openPolicy.contains("unsafe-inline"))

            let widget = try #require(try await Widget.find(account.widgetID, on: app.db))
            widget.allowedOrigins = ["https://*.shop.example", "http://localhost:*"]
            try await widget.save(on: app.db)
            let restricted = try await app.testing().sendRequest(.GET, path)
            let policy = try #require(restricted.headers.first(name: "Content-Security-Policy"))
            #expect(policy.hasSuffix("frame-ancestors https://*.shop.example http://localhost:*"))
            // A changed policy is a different representation: the old validator no longer matches.
            #expect(restricted.headers.first(name: .eTag) != open.headers.first(name: .eTag))
            let revalidated = try await app.testing().sendRequest(.GET, path, headers: ["If-None-Match": open.headers.first(name: .eTag)!])
            #expect(revalidated.status == .ok)

            for bad in ["999999", "abc", "-1"] {
                let response = try await app.testing().sendRequest(.GET, "widget/v1/widgets/\(bad)/frame")
                #expect(response.status == .notFound)
                #expect(response.error?.code == "widget_not_found")
            }
        }
    }

    @Test("The widget config is readable by the loader from allowed origins only; other widget routes send no CORS")
    func configCORS() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let path = "widget/v1/widgets/\(account.widgetID)"
            let anywhere = try await app.testing().sendRequest(.GET, path, headers: ["Origin": "https://shop.example"])
            #expect(anywhere.status == .ok)
            #expect(anywhere.headers.first(name: .accessControlAllowOrigin) == "https://shop.example")
            #expect(anywhere.headers[.vary].joined(separator: ",").contains("Origin"))
            let noOrigin = try await app.testing().sendRequest(.GET, path)
            #expect(noOrigin.headers.first(name: .accessControlAllowOrigin) == nil)

            let widget = try #require(try await Widget.find(account.widgetID, on: app.db))
            widget.allowedOrigins = ["https://*.shop.example"]
            try await widget.save(on: app.db)
            let allowed = try await app.testing().sendRequest(.GET, path, headers: ["Origin": "https://www.shop.example"])
            #expect(allowed.headers.first(name: .accessControlAllowOrigin) == "https://www.shop.example")
            let refused = try await app.testing().sendRequest(.GET, path, headers: ["Origin": "https://evil.example"])
            #expect(refused.status == .ok)
            #expect(refused.headers.first(name: .accessControlAllowOrigin) == nil)

            let unknown = try await app.testing().sendRequest(.GET, "widget/v1/widgets/424242", headers: ["Origin": "https://evil.example"])
            #expect(unknown.status == .notFound)
            #expect(unknown.error?.code == "widget_not_found")
            #expect(unknown.headers.first(name: .accessControlAllowOrigin) == "*")

            let categories = try await app.testing().sendRequest(.GET, path + "/categories", headers: ["Origin": "https://www.shop.example"])
            #expect(categories.status == .ok)
            #expect(categories.headers.first(name: .accessControlAllowOrigin) == nil)
        }
    }

    @Test("Without the asset files the routes answer a JSON 404, not a crash")
    func missingAssets() async throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-public-\(UUID().uuidString)").path
        #expect(throws: LanternSettings.InvalidSetting.self) { try LanternSettings.fromEnvironment(["LANTERN_PUBLIC_DIR": empty]) }
        let assets = WidgetAssets.load(directory: URL(fileURLWithPath: empty))
        try await withLantern { app in
            try app.grouped("missing").register(collection: WidgetAssetsController(assets: assets))
            let response = try await app.testing().sendRequest(.GET, "missing/widget/v1/loader.js")
            #expect(response.status == .notFound)
            #expect(response.error?.code == "widget_assets_missing")
        }
    }

    @Test("LANTERN_PUBLIC_DIR names the directory of the widget's files")
    func publicDirectorySetting() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-public-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("widget"), withIntermediateDirectories: true)
        try Data("/* custom */".utf8).write(to: directory.appendingPathComponent("widget/loader.js"))
        let located = try LanternSettings.fromEnvironment(["LANTERN_PUBLIC_DIR": directory.path]).publicDirectory
        #expect(located == directory.path)
        let assets = WidgetAssets.load(directory: URL(fileURLWithPath: located))
        #expect(assets.files["loader.js"]?.bytes == Array("/* custom */".utf8))
        #expect(assets.files["widget.js"] == nil)
        // Unset, it is Public/ in the working directory: the repository's, for the tests.
        #expect(try LanternSettings.fromEnvironment([:]).publicDirectory == "Public")
        try await withLantern { app in #expect(WidgetAssets.load(directory: app.publicDirectory).files["loader.js"] != nil) }
    }

    @Test("/demo embeds the widget the documented way; /demo/token mints demo customers' tokens server-side")
    func demoToken() async throws {
        try await withLantern { app in
            let response = try await app.testing().sendRequest(.POST, "demo/token", headers: ["Content-Type": "application/json"],
                                                               body: ByteBuffer(string: #"{"email":"alice@acme.example"}"#))
            #expect(response.status == .notFound)
        }
        try await withLantern(demo: true) { app in
            _ = try await DemoSeeder.seedIfNeeded(on: app)
            // The demo site uses the oldest demo account (the shared PostgreSQL test database may hold several).
            let account = try #require(try await Account.query(on: app.db).filter(\.$name == DemoSeeder.accountName).sort(\.$id).first())
            let widget = try #require(try await Widget.query(on: app.db).filter(\.$accountID == account.requireID()).sort(\.$id).first())
            let widgetID = try widget.requireID(), accountID = try account.requireID()
            let page = try await app.testing().sendRequest(.GET, "demo", headers: ["Host": "help.test:8080"])
            #expect(page.body.string.contains("window.lanternSettings = { widgetId: \(widgetID) };"))
            #expect(page.body.string.contains(#"<script src="http://help.test:8080/widget/v1/loader.js" async defer></script>"#))
            #expect(page.body.string.contains("Lantern('logout')"))
            // Behind a TLS proxy the loader comes over https; a Host header that is not a plain host[:port] is not echoed.
            let proxied = try await app.testing().sendRequest(.GET, "demo", headers: ["Host": "help.example", "X-Forwarded-Proto": "https"])
            #expect(proxied.body.string.contains(#"<script src="https://help.example/widget/v1/loader.js" async defer></script>"#))
            let hostile = try await app.testing().sendRequest(.GET, "demo", headers: ["Host": #"x"></script><script>alert(1)</script>"#])
            #expect(!hostile.body.string.contains("alert(1)"))
            #expect(hostile.body.string.contains(#"<script src="http://127.0.0.1:8080/widget/v1/loader.js" async defer></script>"#))

            func mint(_ json: String) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(.POST, "demo/token", headers: ["Content-Type": "application/json"],
                                                    body: ByteBuffer(string: json))
            }
            let before = Int64(Date().timeIntervalSince1970)
            let minted = try await mint(#"{"email":"alice@acme.example","ttl":30}"#)
            #expect(minted.status == .ok, "\(minted.body.string)")
            struct Minted: Decodable { let token: String; let expires_at: Int64 }
            let body = try minted.json(Minted.self)
            #expect((before + 30...before + 31).contains(body.expires_at))
            let identity = try WidgetTokenPolicy.standard.verify(body.token, secret: account.sharedSecret)
            #expect(identity.email.value == "alice@acme.example")
            #expect(identity.name == "Alice Martin")
            #expect(identity.expiresAt == body.expires_at)
            let session = try await app.postSession(widgetID: widgetID, token: body.token)
            #expect(session.status == .ok)

            // After a secret reset, the demo mints with the new secret.
            _ = try await SharedSecretService.reset(accountID: accountID, on: app.db)
            let fresh = try await mint(#"{"email":"bruno@globex.example"}"#).json(Minted.self)
            #expect(try await app.postSession(widgetID: widgetID, token: fresh.token).status == .ok)

            for (json, field) in [(#"{"email":"mallory@evil.example"}"#, "email"), (#"{}"#, "email"),
                                  (#"{"email":"alice@acme.example","ttl":2}"#, "ttl"),
                                  (#"{"email":"alice@acme.example","ttl":7201}"#, "ttl")] {
                let refused = try await mint(json)
                #expect(refused.status == .unprocessableEntity, "\(json)")
                #expect(refused.error?.code == "validation_failed")
                #expect(refused.error?.fields?[field] != nil, "\(json)")
            }
            for json in [#"{"email":"alice@acme.example","ttl":"soon"}"#, "not json", ""] {
                let refused = try await mint(json)
                #expect((400..<500).contains(Int(refused.status.code)), "\(json): \(refused.status)")
            }
        }
    }
}
