import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import LanternServer

/// `lantern copy-database`: moving an install from SQLite to PostgreSQL keeps every row, id and byte.
@Suite("Copying SQLite to PostgreSQL")
struct DatabaseCopyTests {
    @Test("Every row arrives: demo content, a ticket with an attachment, votes; ids and sequences carry on; search works",
          .enabled(if: TestDatabase.isPostgres))
    func copyDemoInstall() async throws {
        // The source file is kept as a snapshot: withLantern removes its own database file when it ends.
        let sqlitePath = TestDatabase.temporarySQLitePath()
        defer { TestDatabase.removeSQLiteFiles(.sqlite(path: sqlitePath)) }
        var sourceCounts: [String: Int] = [:]
        var ticketID = 0, widgetID = 0, apiKey = "", articleID = 0, fileURL = ""
        let attachment = samplePNG(70_000)
        try await withLantern(location: .sqlite(path: TestDatabase.temporarySQLitePath())) { app in
            let demo = try await DemoSeeder.seedIfNeeded(on: app)
            widgetID = demo.widgetID
            apiKey = try #require(demo.apiKey)
            var form = MultipartBody()
            for (key, value) in TicketTests.ticket { form.field(key, value) }
            form.file(filename: "screen.png", bytes: attachment)
            let created = try await app.postTicket(widgetID: widgetID, multipart: form)
            ticketID = try #require(try APIClient(app: app, key: apiKey).object(created)["id"] as? Int)
            // An article with a file, a draft and a history.
            let api = APIClient(app: app, key: apiKey)
            articleID = try await ArticleAttachmentTests.article(api, visibility: 1, published: true)
            fileURL = try #require(try api.object(try await ArticleAttachmentTests.upload(app, key: apiKey, articleID: articleID, filename: "copy.png",
                                                                                          bytes: attachment))["url"] as? String)
            #expect(try await api.send(.PUT, "solutions/articles/\(articleID)/draft", ["description": "<p><img src=\"\(fileURL)\"></p>"]).status == .ok)
            for table in ["accounts", "agents", "api_keys", "companies", "contacts", "company_memberships", "articles",
                          "article_translations", "widgets", "tickets", "ticket_attachments", "solution_folders", "folder_companies",
                          "article_revisions", "article_drafts", "article_attachments"] {
                sourceCounts[table] = try await app.db.sql.raw("SELECT count(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self)
            }
            try await app.db.sql.raw("VACUUM INTO \(literal: sqlitePath)").run()
        }

        // A new, empty database on the test PostgreSQL server.
        let name = "lantern_copy_\(UUID().uuidString.prefix(8).lowercased())"
        let sharedURL = try #require(TestDatabase.postgresURL)
        var components = try #require(URLComponents(string: sharedURL))
        components.path = "/" + name
        let targetURL = try #require(components.string)
        try await withLantern(migrate: false) { app in try await app.db.sql.raw("CREATE DATABASE \(ident: name)").run() }
        defer { Task { try? await withLantern(migrate: false) { app in try await app.db.sql.raw("DROP DATABASE IF EXISTS \(ident: name)").run() } } }

        let output = try await LanternBinary.run(["copy-database", "--from", "sqlite:\(sqlitePath)", "--to", targetURL], database: nil)
        #expect(output.status == 0, "\(output.stderr)")
        let summary = try JSONDecoder().decode(DatabaseCopier.Summary.self, from: Data(output.stdout.utf8))
        for (table, count) in sourceCounts { #expect(summary.tables[table] == count, "\(table)") }

        // Copying again into the now non-empty database is refused.
        let again = try await LanternBinary.run(["copy-database", "--from", "sqlite:\(sqlitePath)", "--to", targetURL], database: nil)
        #expect(again.status != 0)
        #expect(again.stderr.contains("empty"))

        try await withLantern(location: .postgres(url: targetURL), migrate: false) { app in
            let api = APIClient(app: app, key: apiKey)
            let ticket = try api.object(try await api.send(.GET, "tickets/\(ticketID)"))
            #expect(ticket["subject"] as? String == "Cannot export")
            let download = try await api.send(.GET, "tickets/\(ticketID)/attachments/0")
            #expect(Data(buffer: download.body) == attachment)
            let file = try await app.testing().sendRequest(.GET, String(fileURL.dropFirst()))
            #expect(file.status == .ok)
            #expect(Data(buffer: file.body) == attachment)
            let copied = try api.object(try await api.send(.GET, "solutions/articles/\(articleID)"))
            #expect((copied["draft"] as? [String: Any])?["description"] as? String == "<p><img src=\"\(fileURL)\" loading=\"lazy\"></p>")
            #expect(try api.array(try await api.send(.GET, "solutions/articles/\(articleID)/revisions")).count == 2)
            let search = try await app.testing().sendRequest(.GET, "widget/v1/widgets/\(widgetID)/articles?query=invoice")
            #expect(search.status == .ok)
            #expect((try api.object(search)["total"] as? Int ?? 0) > 0)
            // Sequences continue after the copied ids.
            let company = try await api.send(.POST, "companies", ["name": "Created after the move"])
            #expect(company.status == .created)
        }
    }
}
