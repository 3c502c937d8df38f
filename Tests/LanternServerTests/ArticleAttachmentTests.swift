import Crypto
import Fluent
import Foundation
import LanternCore
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// Files in articles: uploads through the API and the agent portal, and who gets the bytes at the file's URL.
@Suite("Article files")
struct ArticleAttachmentTests {
    static func upload(_ app: Application, key: String, articleID: Int, filename: String, contentType: String = "application/octet-stream",
                       bytes: Data, extra: ((inout MultipartBody) -> Void)? = nil) async throws -> TestingHTTPResponse {
        var form = MultipartBody()
        form.file(filename: filename, contentType: contentType, bytes: bytes)
        extra?(&form)
        let headers: HTTPHeaders = ["Authorization": "Basic " + Data("\(key):X".utf8).base64EncodedString(), "Content-Type": form.contentType]
        return try await app.testing().sendRequest(.POST, "api/v2/solutions/articles/\(articleID)/attachments", headers: headers,
                                                   body: ByteBuffer(data: form.finished))
    }

    /// An article in a new folder of `visibility`, published or not.
    static func article(_ api: APIClient, visibility: Int, published: Bool, html: String = "<p>See the picture.</p>") async throws -> Int {
        let category = try #require(try api.object(try await api.send(.POST, "solutions/categories", ["name": "Files \(UUID().uuidString.prefix(4))"]))["id"] as? Int)
        let folder = try #require(try api.object(try await api.send(.POST, "solutions/categories/\(category)/folders",
                                                                     ["name": "Folder", "visibility": visibility]))["id"] as? Int)
        return try #require(try api.object(try await api.send(.POST, "solutions/folders/\(folder)/articles",
                                                               ["title": "Pictures", "description": html, "status": published ? 2 : 1]))["id"] as? Int)
    }

    @Test("An image uploads (201 with id, name, type, size, url) and is served with its type, nosniff, an ETag, 304 and long caching")
    func uploadAndServe() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            let articleID = try await Self.article(api, visibility: 1, published: true)
            let png = samplePNG(20_000)
            let response = try await Self.upload(app, key: account.apiKey, articleID: articleID, filename: "../screen shot.png", bytes: png)
            #expect(response.status == .created)
            let body = try api.object(response)
            #expect(Set(body.keys) == ["id", "name", "content_type", "size", "url"])
            #expect(body["name"] as? String == "screen shot.png")
            #expect(body["content_type"] as? String == "image/png")
            #expect(body["size"] as? Int == png.count)
            let url = try #require(body["url"] as? String)
            #expect(url.hasPrefix("/widget/v1/article-files/\(try #require(body["id"] as? Int))/"))
            #expect(url.hasSuffix("/screen%20shot.png"))

            // The URL goes into the article, which keeps it (and gets lazy loading and the size).
            let html = "<p>Look:</p><p><img src=\"\(url)\" alt=\"Screen\" width=\"640\" height=\"400\"></p>"
            let saved = try api.object(try await api.send(.PUT, "solutions/articles/\(articleID)", ["description": html]))
            #expect(saved["description"] as? String == "<p>Look:</p><p><img src=\"\(url)\" alt=\"Screen\" width=\"640\" height=\"400\" loading=\"lazy\"></p>")

            let file = try await app.testing().sendRequest(.GET, String(url.dropFirst()))
            #expect(file.status == .ok)
            #expect(Data(buffer: file.body) == png)
            #expect(file.headers.first(name: .contentType) == "image/png")
            #expect(file.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(file.headers.first(name: .cacheControl) == "public, max-age=31536000, immutable")
            #expect(file.headers.first(name: .contentDisposition)?.hasPrefix("inline;") == true)
            let etag = try #require(file.headers.first(name: .eTag))
            #expect(etag == "\"\(SHA256.hash(data: png).map { String(format: "%02x", $0) }.joined())\"")
            let again = try await app.testing().sendRequest(.GET, String(url.dropFirst()), headers: ["If-None-Match": etag])
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
            #expect(again.headers.first(name: .eTag) == etag)
            // A wrong key or id is 404, as for a file one may not see.
            let parts = url.split(separator: "/")
            let wrongKey = "widget/v1/article-files/\(parts[3])/AAAAAAAAAAAAAAAAAAAAAA/x.png"
            #expect(try await app.testing().sendRequest(.GET, wrongKey).status == .notFound)

            // A PDF downloads rather than shows.
            let pdf = try api.object(try await Self.upload(app, key: account.apiKey, articleID: articleID, filename: "guide.pdf", bytes: Data("%PDF-1.4 test".utf8)))
            let download = try await app.testing().sendRequest(.GET, String((try #require(pdf["url"] as? String)).dropFirst()))
            #expect(download.headers.first(name: .contentType) == "application/pdf")
            #expect(download.headers.first(name: .contentDisposition)?.hasPrefix("attachment;") == true)
        }
    }

    @Test("SVG, HEIC, mislabelled and empty files are refused with 422, more than 10 MiB with 413, two files and JSON too")
    func refusals() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            let articleID = try await Self.article(api, visibility: 1, published: true)
            let svg = try await Self.upload(app, key: account.apiKey, articleID: articleID, filename: "logo.svg",
                                            bytes: Data("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".utf8))
            #expect(svg.status == .unprocessableEntity)
            #expect(svg.error?.fields?["attachments"] != nil)
            #expect(try await Self.upload(app, key: account.apiKey, articleID: articleID, filename: "photo.heic", bytes: Data(repeating: 1, count: 100)).status == .unprocessableEntity)
            #expect(try await Self.upload(app, key: account.apiKey, articleID: articleID, filename: "fake.png", bytes: Data("GIF89a....".utf8)).status == .unprocessableEntity)
            #expect(try await Self.upload(app, key: account.apiKey, articleID: articleID, filename: "empty.png", bytes: Data()).status == .unprocessableEntity)
            let big = try await Self.upload(app, key: account.apiKey, articleID: articleID, filename: "big.png", bytes: samplePNG(10 * 1024 * 1024 + 1))
            #expect(big.status == .payloadTooLarge)
            let two = try await Self.upload(app, key: account.apiKey, articleID: articleID, filename: "a.png", bytes: samplePNG(100)) { form in
                form.file(filename: "b.png", bytes: samplePNG(100))
            }
            #expect(two.status == .unprocessableEntity)
            #expect(try await api.send(.POST, "solutions/articles/\(articleID)/attachments", ["file": "x"]).status == .unsupportedMediaType)
            let stranger = try await makeAccount(app)
            #expect(try await Self.upload(app, key: stranger.apiKey, articleID: articleID, filename: "a.png", bytes: samplePNG(100)).status == .notFound)
            #expect(try await ArticleAttachment.query(on: app.db).filter(\.$articleID == articleID).count() == 0)
        }
    }

    @Test("A file of a restricted or unpublished article: 404 to the anonymous, served (private) to a customer who may read it and to agents")
    func restricted() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            let articleID = try await Self.article(api, visibility: 2, published: true)  // logged-in users
            let url = try #require(try api.object(try await Self.upload(app, key: account.apiKey, articleID: articleID, filename: "secret.png",
                                                                        bytes: samplePNG(5_000)))["url"] as? String)
            _ = try await api.send(.PUT, "solutions/articles/\(articleID)", ["description": "<p><img src=\"\(url)\" alt=\"Secret\"></p>"])
            let path = String(url.dropFirst())
            #expect(try await app.testing().sendRequest(.GET, path).status == .notFound)

            // The signed-in customer's article carries a grant in the file's URL, which serves the file to them.
            let session = try await app.signIn(account)
            let read = try await app.withSession(.GET, "widget/v1/widgets/\(account.widgetID)/articles/\(articleID)", session: session.session_token)
            let description = try #require(try api.object(read)["description"] as? String)
            let granted = try #require(description.firstRange(of: url + "?grant=").map { range in
                String(description[range.lowerBound...].prefix { $0 != "\"" })
            })
            let file = try await app.testing().sendRequest(.GET, String(granted.dropFirst()))
            #expect(file.status == .ok)
            #expect(file.headers.first(name: .cacheControl) == "private, max-age=3600")
            // A grant tampered with, or for another file's account, serves nothing.
            let tampered = granted.dropLast(2) + (granted.hasSuffix("AA") ? "BB" : "AA")
            #expect(try await app.testing().sendRequest(.GET, String(tampered.dropFirst())).status == .notFound)
            // Anonymous readers of the widget get the article without grants (they cannot read it at all here).
            #expect(try await app.testing().sendRequest(.GET, "widget/v1/widgets/\(account.widgetID)/articles/\(articleID)").status == .notFound)

            // An agent's file cookie serves it, whatever the article's state; another account's agent gets nothing.
            let agentToken = try await PortalSessionService.openAgentSession(
                for: try #require(try await Agent.query(on: app.db).filter(\.$accountID == account.accountID).first()), on: app.db)
            let cookie: HTTPHeaders = ["Cookie": "\(ArticleFileController.agentCookie)=\(agentToken)"]
            #expect(try await app.testing().sendRequest(.GET, path, headers: cookie).status == .ok)
            _ = try await api.send(.PUT, "solutions/articles/\(articleID)", ["status": 1])
            #expect(try await app.testing().sendRequest(.GET, path, headers: cookie).status == .ok)
            #expect(try await app.testing().sendRequest(.GET, String(granted.dropFirst())).status == .notFound)  // unpublished
            let stranger = try await makeAccount(app, name: "Stranger")
            let strangerToken = try await PortalSessionService.openAgentSession(
                for: try #require(try await Agent.query(on: app.db).filter(\.$accountID == stranger.accountID).first()), on: app.db)
            #expect(try await app.testing().sendRequest(.GET, path, headers: ["Cookie": "\(ArticleFileController.agentCookie)=\(strangerToken)"]).status == .notFound)

            // A public folder's unpublished article: its files are not public either.
            let draftID = try await Self.article(api, visibility: 1, published: false)
            let draftURL = try #require(try api.object(try await Self.upload(app, key: account.apiKey, articleID: draftID, filename: "d.png",
                                                                             bytes: samplePNG(300)))["url"] as? String)
            #expect(try await app.testing().sendRequest(.GET, String(draftURL.dropFirst())).status == .notFound)
        }
    }

    @Test("In /support, a signed-in customer's article carries grants for its files; a customer of another company gets nothing")
    func supportAndCompanies() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let api = APIClient(app: app, key: account.apiKey)
            let acme = try #require(try api.object(try await api.send(.POST, "companies", ["name": "Acme", "domains": ["acme.example"]]))["id"] as? Int)
            _ = try await api.send(.POST, "companies", ["name": "Globex", "domains": ["globex.example"]])
            let category = try #require(try api.object(try await api.send(.POST, "solutions/categories", ["name": "Private"]))["id"] as? Int)
            let folder = try #require(try api.object(try await api.send(.POST, "solutions/categories/\(category)/folders",
                                                                         ["name": "Acme only", "visibility": 4, "company_ids": [acme]]))["id"] as? Int)
            let articleID = try #require(try api.object(try await api.send(.POST, "solutions/folders/\(folder)/articles",
                                                                            ["title": "Acme setup", "description": "<p>x</p>", "status": 2]))["id"] as? Int)
            let url = try #require(try api.object(try await Self.upload(app, key: account.apiKey, articleID: articleID, filename: "acme.png",
                                                                        bytes: samplePNG(3_000)))["url"] as? String)
            _ = try await api.send(.PUT, "solutions/articles/\(articleID)", ["description": "<p><img src=\"\(url)\" alt=\"Acme\"></p>"])

            app.lantern.supportWidgetID = account.widgetID
            let alice = PortalBrowser(app)
            let token = TokenMinter.mint(name: "Alice", email: "alice@acme.example", secret: account.sharedSecret)
            #expect(try await alice.get("/support/login/jwt?token=\(token)").status == .seeOther)
            let page = try await alice.get("/support/solutions/articles/\(articleID)")
            #expect(page.status == .ok)
            let body = page.body.string
            let start = try #require(body.range(of: url + "?grant="))
            let granted = String(body[start.lowerBound...].prefix { $0 != "\"" })
            let file = try await app.testing().sendRequest(.GET, String(granted.dropFirst()))
            #expect(file.status == .ok)
            #expect(file.headers.first(name: .cacheControl) == "private, max-age=3600")

            // Globex's customer cannot read the article, and Alice's grant moved into nobody else's hands still names
            // Alice: once Alice leaves Acme, it serves nothing.
            let bruno = try await app.signIn(account, name: "Bruno", email: "bruno@globex.example")
            #expect(try await app.withSession(.GET, "widget/v1/widgets/\(account.widgetID)/articles/\(articleID)", session: bruno.session_token).status == .notFound)
            try await CompanyMembership.query(on: app.db).filter(\.$companyID == acme).delete()
            #expect(try await app.testing().sendRequest(.GET, String(granted.dropFirst())).status == .notFound)
        }
    }

    @Test("A grant names its contact and account, expires, and checks its MAC")
    func grants() {
        let now: Int64 = 1_800_000_000
        let grant = ArticleFileGrant.issue(contactID: 7, accountID: 3, expiresAt: ArticleFileGrant.expiry(now: now), secret: "s")
        #expect(ArticleFileGrant.verify(grant, accountID: 3, secret: "s", now: now) == 7)
        #expect(ArticleFileGrant.verify(grant, accountID: 4, secret: "s", now: now) == nil)
        #expect(ArticleFileGrant.verify(grant, accountID: 3, secret: "reset", now: now) == nil)
        #expect(ArticleFileGrant.verify(grant, accountID: 3, secret: "s", now: now + 7_201) == nil)
        #expect(ArticleFileGrant.verify("8" + grant.dropFirst(), accountID: 3, secret: "s", now: now) == nil)
        #expect(ArticleFileGrant.expiry(now: now) - now > 3_600)
        let html = "<p><img src=\"/widget/v1/article-files/1/k/a.png\" loading=\"lazy\"><a href=\"/widget/v1/article-files/2/k/b.pdf\">b</a><img src=\"/other.png\"></p>"
        #expect(ArticleFileGrant.apply("G", to: html, pathPrefix: "/widget/v1/article-files")
                == "<p><img src=\"/widget/v1/article-files/1/k/a.png?grant=G\" loading=\"lazy\"><a href=\"/widget/v1/article-files/2/k/b.pdf?grant=G\">b</a><img src=\"/other.png\"></p>")
    }
}
