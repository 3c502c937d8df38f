import Fluent
import Foundation
import LanternCore
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

extension FreshdeskImportTests {
    /// Issue 19: the importer brings article images over as article files, as `POST …/attachments` stores them.
    @Test("article images on Freshdesk's hosts become article files the HTML points at; reruns reuse them; others stay, failures are listed; a dry run only counts")
    func articleImages() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let db = app.db, accountID = account.accountID
            let fake = try await FakeFreshdesk(.generate(articleCount: 2, widgetID: Self.widgetID()))
            do {
                let origin = fake.url
                let foreign = origin.replacingOccurrences(of: "127.0.0.1", with: "localhost") + "/images/foreign.png"
                fake.knowledgeBase.withLockedValue { kb in
                    kb.articles[0].body = """
                        <p>Screens:</p><img src="\(origin)/images/screen.png" width="640" height="480" alt="Screen">\
                        <img src="/inline/attachment?token=abc" alt="Inline"><img src="\(foreign)" alt="Foreign">\
                        <img src="\(origin)/images/missing.png"><img src="\(origin)/images/huge.png">\
                        <img src="\(origin)/images/diagram.svg"><img src="\(origin)/images/away">
                        """
                    kb.articles[0].translations["fr"]!.body = "<p>Écran</p><img src=\"\(origin)/images/screen.png\" width=\"640\" height=\"480\">"
                }
                let imageRequests = { fake.requests.filter { $0.path.hasPrefix("/images/") || $0.path.hasPrefix("/inline/") }.map(\.path) }

                // A dry run fetches and writes nothing, and counts what an import would bring over.
                let dry = try await Self.runImport(fake, accountID: accountID, app: app, dryRun: true)
                #expect(dry.imagesStored == 7)
                #expect(dry.imagesElsewhere.map(\.url) == [foreign])
                #expect(dry.text.contains("Article images: 7 would be brought over"))
                #expect(imageRequests().isEmpty)
                #expect(try await Self.count(ArticleAttachment.self, accountID: accountID, on: db) == 0)
                #expect(try await Self.count(Article.self, accountID: accountID, on: db) == 0)

                // The import stores the screenshot (and the inline image it is redirected to) with the article.
                let first = try await Self.runImport(fake, accountID: accountID, app: app)
                #expect(first.tally(.articles) == .init(created: 2))
                #expect(first.imagesStored == 2)
                #expect(first.imagesReused == 1, "the French version's screenshot is the primary's copy")
                #expect(first.imagesElsewhere.map(\.url) == [foreign])
                let failed = Dictionary(uniqueKeysWithValues: first.imagesFailed.map { ($0.url, $0.reason) })
                #expect(failed.count == 4)
                #expect(failed["\(origin)/images/missing.png"] == "Freshdesk answered 404")
                #expect(failed["\(origin)/images/huge.png"]?.contains("larger than 10 MiB") == true)
                #expect(failed["\(origin)/images/diagram.svg"]?.contains("not an accepted type") == true)
                #expect(failed["\(origin)/images/away"]?.contains("not one of Freshdesk's hosts: not followed") == true)
                #expect(first.text.contains("Article images that could not be brought over, left at their Freshdesk address (4):"))
                #expect(first.text.contains("article 8001 (en) \"Article 0\": \(origin)/images/missing.png: Freshdesk answered 404"))
                #expect(first.text.contains("Article images on other sites, left as they are (1):"))
                #expect(!imageRequests().contains("/images/foreign.png"), "an image on another host is never fetched")
                #expect(fake.requests.filter { $0.path == "/images/screen.png" }.count == 2, "once for its own address, once through the redirect")

                let files = try await ArticleAttachment.query(on: db).filter(\.$accountID == accountID).sort(\.$id).all()
                #expect(files.count == 2)
                let articleID = try #require(try await FreshdeskImportID.query(on: db).filter(\.$accountID == accountID)
                    .filter(\.$kindName == "article").filter(\.$freshdeskID == 8001).first()).lanternID
                #expect(files.allSatisfy { $0.articleID == articleID && $0.contentType == "image/png" && $0.data == FakeFreshdesk.png })
                #expect(files.map(\.filename) == ["screen.png", "screen.png"])
                let html = try #require(try await ArticleTranslation.query(on: db).filter(\.$articleID == articleID).filter(\.$language == "en").first()).description
                #expect(html.contains("<img src=\"\(files[0].path)\" width=\"640\" height=\"480\" alt=\"Screen\" loading=\"lazy\">"))
                #expect(html.contains("<img src=\"\(files[1].path)\" alt=\"Inline\" loading=\"lazy\">"))
                #expect(!html.contains("\(origin)/images/screen.png") && !html.contains("/inline/attachment"))
                for kept in [foreign, "\(origin)/images/missing.png", "\(origin)/images/huge.png", "\(origin)/images/diagram.svg", "\(origin)/images/away"] {
                    #expect(html.contains("src=\"\(kept)\""), "\(kept) keeps its address")
                }
                let french = try #require(try await ArticleTranslation.query(on: db).filter(\.$articleID == articleID).filter(\.$language == "fr").first()).description
                #expect(french == "<p>Écran</p><img src=\"\(files[0].path)\" width=\"640\" height=\"480\" loading=\"lazy\">")

                // The stored file is served with the same bytes and its type.
                let served = try await app.testing().sendRequest(.GET, String(files[0].path.dropFirst()))
                #expect(served.status == .ok)
                #expect(served.headers.first(name: .contentType) == "image/png")
                #expect(Data(buffer: served.body) == FakeFreshdesk.png)
                let widgetArticle = try await app.testing().sendRequest(.GET, "widget/v1/widgets/\(account.widgetID)/articles/\(articleID)")
                let shown = try #require(try JSONSerialization.jsonObject(with: Data(buffer: widgetArticle.body)) as? [String: Any])
                #expect((shown["description"] as? String)?.contains("<img src=\"\(files[0].path)\" width=\"640\" height=\"480\"") == true)

                // Run again: nothing new is fetched or stored, the articles are the same; the failures are tried again.
                let before = imageRequests().count
                let second = try await Self.runImport(fake, accountID: accountID, app: app)
                #expect(second.tally(.articles) == .init(unchanged: 2))
                #expect(second.tally(.translations).created == 0 && second.tally(.translations).updated == 0)
                #expect(second.imagesStored == 0)
                #expect(second.imagesReused == 3)
                #expect(second.imagesFailed.count == 4)
                #expect(try await Self.count(ArticleAttachment.self, accountID: accountID, on: db) == 2)
                let again = imageRequests().dropFirst(before)
                #expect(!again.contains("/images/screen.png") && !again.contains("/inline/attachment"))
                #expect(try await FreshdeskImportID.query(on: db).filter(\.$accountID == accountID).filter(\.$kindName == "article_image").count() == 2)
            } catch {
                try? await fake.stop()
                throw error
            }
            try await fake.stop()
        }
    }

    @Test("an image fetch gives up after its time; Freshdesk's storage is reached only at public addresses")
    func imageFetchLimits() async throws {
        try await withLantern { app in
            let fake = try await FakeFreshdesk(.generate(articleCount: 0, widgetID: Self.widgetID()))
            let http = FreshdeskClient.makeHTTPClient()
            do {
                let client = FreshdeskClient(source: try FreshdeskSource(fake.url), apiKey: fake.apiKey, http: http)
                var fetcher = FreshdeskImageFetcher(client: client, resolve: { _ in [IPAddress("127.0.0.1")!] },
                                                    spoolDirectory: app.lantern.uploadDirectory)
                fetcher.timeout = .milliseconds(300)
                let started = Date()
                await #expect { _ = try await fetcher.fetch(fake.url + "/images/slow.png") } throws: { error in
                    (error as? FreshdeskImageFetcher.Failure)?.description.hasPrefix("no answer within") == true
                }
                #expect(Date().timeIntervalSince(started) < 3)
                await #expect { _ = try await fetcher.fetch("https://attachment.freshdesk.com/inline/attachment?token=a") } throws: { error in
                    (error as? FreshdeskImageFetcher.Failure)?.description.contains("must reach a public address") == true
                }
                // A normal fetch, with the normal time limit (a loaded machine can take longer than 0.3 s to answer).
                fetcher.timeout = .seconds(30)
                let fetched = try await fetcher.fetch(fake.url + "/images/screen.png")
                #expect(try fetched.file.contents() == FakeFreshdesk.png && fetched.accepted.contentType == "image/png")
                fetched.file.remove()
            } catch {
                try? await http.shutdown()
                try? await fake.stop()
                throw error
            }
            try await http.shutdown()
            try await fake.stop()
        }
    }
}
