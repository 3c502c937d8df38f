import Fluent
import Foundation
import LanternCore
import Testing
import Vapor
@testable import LanternServer

/// `lantern import freshdesk` against a Freshdesk-shaped server (`FakeFreshdesk`) with 300 articles in three languages,
/// companies, contacts, segment-restricted folders, subfolders and a help widget; on SQLite and PostgreSQL.
@Suite("Freshdesk import")
struct FreshdeskImportTests {
    /// What a clean first import of `KnowledgeBase.generate()` makes (see its documentation).
    static let expected: [FreshdeskImportReport.Section: FreshdeskImportReport.Tally] = [
        .companies: .init(created: 5), .contacts: .init(created: 128, skipped: 2), .categories: .init(created: 3),
        .folders: .init(created: 12), .articles: .init(created: 299, skipped: 1),
        .translations: .init(created: 248), .widgets: .init(updated: 1),
    ]

    /// A Freshdesk widget id no other test uses (they are unique across the installation).
    static func widgetID() -> Int64 { Int64.random(in: 10_000_000_000...99_999_999_999) }

    /// Runs the importer against `fake` with short retry waits.
    static func runImport(_ fake: FakeFreshdesk, accountID: Int, app: Application, dryRun: Bool = false,
                          apiKey: String? = nil) async throws -> FreshdeskImportReport {
        try await runImport(url: fake.url, apiKey: apiKey ?? fake.apiKey, accountID: accountID, app: app, dryRun: dryRun)
    }

    static func runImport(url: String, apiKey: String, accountID: Int, app: Application, dryRun: Bool = false) async throws -> FreshdeskImportReport {
        let http = FreshdeskClient.makeHTTPClient()
        var client = FreshdeskClient(source: try FreshdeskSource(url), apiKey: apiKey, http: http)
        client.retry.backoff = [0.05, 0.05]
        do {
            let report = try await FreshdeskImporter.run(client, images: FreshdeskImageFetcher(client: client, app: app), accountID: accountID,
                                                         dryRun: dryRun, on: app.db)
            try await http.shutdown()
            return report
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    static func withFake(widgetID: Int64 = widgetID(), _ body: (FakeFreshdesk) async throws -> Void) async throws {
        let fake = try await FakeFreshdesk(.generate(widgetID: widgetID))
        do {
            try await body(fake)
        } catch {
            try? await fake.stop()
            throw error
        }
        try await fake.stop()
    }

    static func count<M: Model>(_ type: M.Type, accountID: Int, on db: any Database) async throws -> Int {
        let row = try await db.sql.raw("SELECT COUNT(*) AS n FROM \(ident: M.schema) WHERE account_id = \(bind: accountID)").first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    @Test("a first import brings companies, contacts, categories, folders, articles with their translations and the widget id; pages, 429 and the report")
    func firstImport() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            let widgetID = Self.widgetID()
            try await Self.withFake(widgetID: widgetID) { fake in
                fake.behave { $0.rateLimitedRequests = [4] }
                let report = try await Self.runImport(fake, accountID: account.accountID, app: app)
                for section in FreshdeskImportReport.Section.allCases {
                    #expect(report.tally(section) == Self.expected[section], "\(section)")
                }
                let db = app.db, accountID = account.accountID
                #expect(try await Self.count(Article.self, accountID: accountID, on: db) == 299)
                #expect(try await Self.count(Company.self, accountID: accountID, on: db) == 5)
                #expect(try await Self.count(Contact.self, accountID: accountID, on: db) == 128)

                // Link pagination: 130 contacts are two pages of 100; the request after a 429 waited Retry-After.
                let requests = fake.requests
                #expect(requests.filter { $0.path == "/api/v2/contacts" && $0.status == 200 }.count == 2)
                let limited = try #require(requests.firstIndex { $0.status == 429 })
                #expect(requests[limited + 1].at.timeIntervalSince(requests[limited].at) >= 0.9)

                // Subfolders are named by their path; their translations too; segment folders are agents-only.
                let folders = try await SolutionFolder.query(on: db).filter(\.$accountID == accountID).all()
                let byName = Dictionary(uniqueKeysWithValues: folders.map { ($0.name, $0) })
                #expect(byName["Folder 1 / Sub A"] != nil)
                #expect(byName["Folder 1 / Sub A / Sub B"] != nil)
                let subA = try #require(byName["Folder 1 / Sub A"])
                let french = try await ContainerTranslationService.find(.folder(subA.requireID()), language: "fr", on: db)
                #expect(french?.name == "Dossier 1 / Sous A")
                #expect(byName["Folder 6"]?.visibility == .agents)
                #expect(byName["Folder 8"]?.visibility == .agents)
                #expect(Set(report.narrowedFolders.map(\.freshdeskID)) == [6006, 6008])
                let companyFolder = try #require(byName["Folder 4"])
                #expect(companyFolder.visibility == .selectedCompanies)
                let companies = try await Company.query(on: db).filter(\.$accountID == accountID).all()
                let companyIDs = Dictionary(uniqueKeysWithValues: companies.map { ($0.name, $0.id!) })
                #expect(try await FolderService.companyIDs(of: [companyFolder.requireID()], on: db)[companyFolder.id!]
                        == [companyIDs["Company 1"]!, companyIDs["Company 3"]!].sorted())
                #expect(companies.first { $0.name == "Company 5" }?.domains == ["hooli.example"])
                let category = try #require(try await SolutionCategory.query(on: db).filter(\.$accountID == accountID).filter(\.$name == "Category 1").first())
                #expect(try await ContainerTranslationService.find(.category(category.requireID()), language: "de", on: db)?.name == "Kategorie 1")

                // Contacts keep their languages (when the account has them) and companies.
                let contacts = try await Contact.query(on: db).filter(\.$accountID == accountID).all()
                let contact = { (index: Int) in contacts.first { $0.email.hasPrefix("customer\(index)@") } }
                #expect(contact(3)?.language == "ja")
                #expect(contact(4)?.language == nil)
                #expect(try await ContactService.companyIDs(of: [contact(0)!.id!], on: db)[contact(0)!.id!] == [companyIDs["Company 1"]!])
                #expect(try await ContactService.companyIDs(of: [contact(1)!.id!], on: db)[contact(1)!.id!] == [companyIDs["Company 2"]!])

                // Articles: text, status, tags, type, votes, SEO texts, translations; HTML through the sanitiser.
                let map = try await FreshdeskImportID.query(on: db).filter(\.$accountID == accountID).filter(\.$kindName == "article").all()
                let articleID = { (freshdesk: Int64) in map.first { $0.freshdeskID == freshdesk }?.lanternID }
                let eight = try #require(try await Article.find(articleID(8009), on: db))
                #expect(eight.thumbsUp == 8 && eight.thumbsDown == 0 && eight.hits == 9 && eight.tags == ["billing", "how-to"] && eight.status == .published)
                let draft = try #require(try await Article.find(articleID(8006), on: db))
                #expect(draft.status == .draft)
                #expect(try await Article.find(articleID(8005), on: db)?.articleType == 2)
                let six = try #require(try await Article.find(articleID(8007), on: db))
                let translations = try await ArticleStore.translations(of: six, on: db)
                #expect(Set(translations.map(\.language)) == ["en", "fr", "de"])
                #expect(translations.first { $0.language == "fr" }?.title == "Article 6 en français")
                #expect(translations.first { $0.language == "en" }?.metaTitle == "Article 6 | Help")
                // Article 0's German version is a draft: imported as one (a translation has its own status).
                let zero = try #require(try await Article.find(articleID(8001), on: db))
                let zeroTranslations = try await ArticleStore.translations(of: zero, on: db)
                #expect(Set(zeroTranslations.map(\.language)) == ["en", "fr", "de"])
                #expect(zeroTranslations.first { $0.language == "de" }?.statusCode == Article.Status.draft.rawValue)
                #expect(zeroTranslations.first { $0.language == "fr" }?.statusCode == Article.Status.published.rawValue)
                let scripted = try #require(try await Article.find(articleID(8004), on: db))
                let scriptedText = try #require(try await ArticleStore.translation(of: scripted, in: "en", on: db))
                #expect(!scriptedText.description.contains("<script") && !scriptedText.description.contains("onclick"))
                #expect(report.sanitized.count == 12)
                #expect(report.sanitized.first { $0.freshdeskID == 8004 }?.removed
                        == ["<script> with its content", "style attributes", "onclick attributes"])
                #expect(articleID(8043) == nil)
                #expect(report.skipped.first { $0.freshdeskID == 8043 }?.reason.contains("unclosed <svg>") == true)
                #expect(report.skipped.filter { $0.section == .translations }.isEmpty)
                #expect(report.skipped.filter { $0.section == .contacts }.allSatisfy { $0.reason.contains("no e-mail address") })
                #expect(report.notes.contains { $0.contains("ka") })

                // The help widget's id goes to the account's widget.
                #expect(try await Widget.find(account.widgetID, on: db)?.freshdeskWidgetID == Int(widgetID))

                let text = report.text
                #expect(text.contains("Imported from \(fake.url) into account \(accountID)."))
                #expect(text.contains("  articles              299          0          0          1"))
                #expect(text.contains("folder 6006 \"Folder 6\": shown to selected contact segments in Freshdesk; Lantern has no segments"))
            }
        }
    }

    @Test("run twice, the import updates rather than duplicates; a change in Freshdesk is updated")
    func secondImport() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            try await Self.withFake { fake in
                _ = try await Self.runImport(fake, accountID: account.accountID, app: app)
                let second = try await Self.runImport(fake, accountID: account.accountID, app: app)
                for section in FreshdeskImportReport.Section.allCases {
                    let first = try #require(Self.expected[section])
                    #expect(second.tally(section) == .init(unchanged: first.created + first.updated, skipped: first.skipped), "\(section)")
                }
                #expect(try await Self.count(Article.self, accountID: account.accountID, on: app.db) == 299)
                #expect(try await Self.count(Contact.self, accountID: account.accountID, on: app.db) == 128)

                fake.knowledgeBase.withLockedValue { kb in
                    kb.articles[1].title = "Article 1, revised"
                    kb.articles[2].translations["fr"] = ("Article 2 en français", "<p>Réponse 2.</p>", 2)
                    kb.folders[1].name = "Folder 2, renamed"
                }
                let third = try await Self.runImport(fake, accountID: account.accountID, app: app)
                #expect(third.tally(.articles) == .init(updated: 1, unchanged: 298, skipped: 1))
                #expect(third.tally(.translations) == .init(created: 1, unchanged: 248))
                #expect(third.tally(.folders) == .init(updated: 1, unchanged: 11))
                #expect(try await SolutionFolder.query(on: app.db).filter(\.$accountID == account.accountID)
                    .filter(\.$name == "Folder 2, renamed").count() == 1)
            }
        }
    }

    @Test("an import that Freshdesk breaks off half-way is completed by the next run, without duplicates")
    func interruptedImport() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            try await Self.withFake { fake in
                fake.behave { $0.failAfterArticleLists = 10 }
                await #expect {
                    _ = try await Self.runImport(fake, accountID: account.accountID, app: app)
                } throws: { error in
                    guard let error = error as? FreshdeskImportError, case .failed(let message) = error else { return false }
                    return message.contains("500") && error.exitCode == 1
                }
                let partial = try await Self.count(Article.self, accountID: account.accountID, on: app.db)
                #expect(partial > 0 && partial < 299)
                fake.behave { $0.failAfterArticleLists = nil }
                let rerun = try await Self.runImport(fake, accountID: account.accountID, app: app)
                #expect(rerun.tally(.articles).created == 299 - partial)
                #expect(rerun.tally(.articles).unchanged == partial)
                #expect(rerun.tally(.companies) == .init(unchanged: 5))
                #expect(try await Self.count(Article.self, accountID: account.accountID, on: app.db) == 299)
                #expect(try await FreshdeskImportID.query(on: app.db).filter(\.$accountID == account.accountID)
                    .filter(\.$kindName == "article").count() == 299)
            }
        }
    }

    @Test("a dry run reports what an import would do and writes nothing")
    func dryRun() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            try await Self.withFake { fake in
                let report = try await Self.runImport(fake, accountID: account.accountID, app: app, dryRun: true)
                for section in FreshdeskImportReport.Section.allCases {
                    #expect(report.tally(section) == Self.expected[section], "\(section)")
                }
                #expect(report.text.hasPrefix("Dry run of the import"))
                let db = app.db, accountID = account.accountID
                #expect(try await Self.count(Article.self, accountID: accountID, on: db) == 0)
                #expect(try await Self.count(SolutionCategory.self, accountID: accountID, on: db) == 0)
                #expect(try await Self.count(SolutionFolder.self, accountID: accountID, on: db) == 0)
                #expect(try await Self.count(Company.self, accountID: accountID, on: db) == 0)
                #expect(try await Self.count(Contact.self, accountID: accountID, on: db) == 0)
                #expect(try await FreshdeskImportID.query(on: db).filter(\.$accountID == accountID).count() == 0)
                #expect(try await Widget.find(account.widgetID, on: db)?.freshdeskWidgetID == nil)
            }
        }
    }

    @Test("a refused API key, an unreachable Freshdesk and an unknown account stop the import with their exit codes")
    func failures() async throws {
        try await withLantern { app in
            let account = try await makeAccount(app)
            try await Self.withFake { fake in
                await #expect {
                    _ = try await Self.runImport(fake, accountID: account.accountID, app: app, apiKey: "wrong")
                } throws: { error in
                    guard let error = error as? FreshdeskImportError, case .authRefused(let message) = error else { return false }
                    return message.contains("401") && message.contains("You have to be logged in") && error.exitCode == 1
                }
                await #expect {
                    _ = try await Self.runImport(fake, accountID: 987_654_321, app: app)
                } throws: { error in
                    (error as? FreshdeskImportError)?.exitCode == 2
                }
            }
            await #expect {
                _ = try await Self.runImport(url: "http://127.0.0.1:1", apiKey: "key", accountID: account.accountID, app: app)
            } throws: { error in
                guard let error = error as? FreshdeskImportError, case .unreachable = error else { return false }
                return error.exitCode == 1
            }
        }
    }

    @Test("the command imports with plain progress lines off a terminal, prints the report, updates on a rerun; bad arguments exit 2")
    func commandLine() async throws {
        try await LanternBinary.withAccount("Import Co", adminEmail: "import-\(UUID().uuidString.prefix(8))@test.example") { database, account in
            try await Self.withFake { fake in
                let command = ["import", "freshdesk", "--url", fake.url, "--api-key", fake.apiKey, "--account", "\(account.accountID)"]
                let dry = try await LanternBinary.run(command + ["--dry-run"], database: database, timeout: 300)
                #expect(dry.status == 0, "\(dry.stderr)")
                #expect(dry.stdout.hasPrefix("Dry run of the import from \(fake.url) into account \(account.accountID)"))
                #expect(dry.stdout.contains("  articles              299          0          0          1"))

                let first = try await LanternBinary.run(command, database: database, timeout: 300)
                #expect(first.status == 0, "\(first.stderr)")
                #expect(first.stdout.hasPrefix("Imported from \(fake.url) into account \(account.accountID)."))
                #expect(first.stdout.contains("  articles              299          0          0          1"))
                #expect(first.stdout.contains("Folders made agents-only, so that nobody sees more than before (2):"))
                #expect(first.stdout.contains("article 8004 (en) \"Article 3\": <script> with its content; style attributes; onclick attributes"))
                // Not a terminal: plain lines, no bar redrawn in place.
                #expect(first.stderr.contains("Contacts: 130\n"))
                #expect(first.stderr.contains("Articles: 150 of 300\n") && first.stderr.contains("Articles: 300 of 300\n"))
                #expect(!first.stderr.contains("\u{1B}[") && !first.stderr.contains("\r"))

                let second = try await LanternBinary.run(command, database: database, timeout: 300)
                #expect(second.status == 0, "\(second.stderr)")
                #expect(second.stdout.contains("  articles                0          0        299          1"))

                let bad: [([String], String)] = [
                    (["import", "freshdesk", "--url", fake.url, "--api-key", "\(fake.apiKey):X", "--account", "\(account.accountID)"], "--api-key"),
                    (["import", "freshdesk", "--url", fake.url, "--api-key", fake.apiKey, "--account", "987654321"], "no account has this id"),
                    (["import", "freshdesk", "--url", fake.url, "--api-key", fake.apiKey], "--account"),
                    (["import", "freshdesk", "--url", "acme.freshdesk.com", "--api-key", fake.apiKey, "--account", "1"], "--url"),
                ]
                for (arguments, message) in bad {
                    let output = try await LanternBinary.run(arguments, database: database)
                    #expect(output.status == 2, "\(arguments)")
                    #expect(output.stderr.contains(message), "\(output.stderr)")
                }
                let refused = try await LanternBinary.run(
                    ["import", "freshdesk", "--url", fake.url, "--api-key", "wrong", "--account", "\(account.accountID)"], database: database)
                #expect(refused.status == 1)
                #expect(refused.stderr.contains("Freshdesk refused the API key (401)"))
            }
        }
    }

    @Test("Ctrl-C stops the command between two objects (exit code 1) and a rerun completes the import; on a terminal it draws a bar")
    func interruptedCommand() async throws {
        try await LanternBinary.withAccount("Interrupted Co", adminEmail: "stop-\(UUID().uuidString.prefix(8))@test.example") { database, account in
            try await Self.withFake { fake in
                let arguments = ["import", "freshdesk", "--url", fake.url, "--api-key", fake.apiKey, "--account", "\(account.accountID)"]
                let process = Process()
                process.executableURL = LanternBinary.url
                process.arguments = arguments
                process.environment = LanternBinary.environment(database: database)
                let stderr = Pipe()
                process.standardOutput = FileHandle.nullDevice
                process.standardError = stderr
                try process.run()
                // Ctrl-C once the articles of a folder or two are in (each folder is three lists: en, fr, de).
                let deadline = Date().addingTimeInterval(120)
                while fake.articleLists < 7 && process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(10)) }
                process.interrupt()
                let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                #expect(process.terminationStatus == 1, "\(message)")
                #expect(message.contains("Stopping after the current step"))
                #expect(message.contains("The import was interrupted. What was imported so far stays; run the command again to complete it."))
                let partial = try await Self.articleCount(database, accountID: account.accountID)
                #expect(partial > 0 && partial < 299)

                // The rerun, on a terminal (`script` gives it one): a bar redrawn in place, then the report.
                let shell = ([LanternBinary.url.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
                let terminal = Process()
                terminal.executableURL = URL(fileURLWithPath: "/usr/bin/script")
                terminal.arguments = ["-qefc", shell, "/dev/null"]
                terminal.environment = LanternBinary.environment(database: database)
                let output = Pipe()
                terminal.standardOutput = output
                terminal.standardInput = FileHandle.nullDevice
                try terminal.run()
                let screen = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                terminal.waitUntilExit()
                #expect(terminal.terminationStatus == 0, "\(screen)")
                #expect(screen.contains("\r\u{1B}[2KArticles [##############################] 300/300 (100%)"))
                #expect(screen.contains("  articles      " + String(299 - partial).leftPadded(11) + "          0" + String(partial).leftPadded(11) + "          1"))
                #expect(try await Self.articleCount(database, accountID: account.accountID) == 299)
            }
        }
    }

    /// The articles of the account in the database of a `lantern` process (an SQLite file is read in a copy, as
    /// `withLantern` removes its SQLite files afterwards).
    static func articleCount(_ database: String, accountID: Int) async throws -> Int {
        var location = try DatabaseLocation(databaseURL: database)
        if case .sqlite(let path) = location {
            let copy = TestDatabase.temporarySQLitePath()
            for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: path + suffix) {
                try FileManager.default.copyItem(atPath: path + suffix, toPath: copy + suffix)
            }
            location = .sqlite(path: copy)
        }
        var count = 0
        try await withLantern(location: location, migrate: false) { app in
            count = try await Self.count(Article.self, accountID: accountID, on: app.db)
        }
        return count
    }

    @Test("plain http is refused for any host but a loopback one, by the command too (exit code 2)")
    func plainHTTP() async throws {
        #expect(throws: FreshdeskSource.Refusal.self) { try FreshdeskSource("http://acme.freshdesk.com") }
        #expect(throws: FreshdeskSource.Refusal.self) { try FreshdeskSource("http://10.0.0.5:8080") }
        #expect(throws: FreshdeskSource.Refusal.self) { try FreshdeskSource("https://acme.freshdesk.com/api/v2") }
        #expect(throws: FreshdeskSource.Refusal.self) { try FreshdeskSource("ftp://acme.freshdesk.com") }
        #expect(try FreshdeskSource("https://ACME.freshdesk.com/").origin == "https://acme.freshdesk.com")
        #expect(try FreshdeskSource("http://127.0.0.1:8080").origin == "http://127.0.0.1:8080")
        #expect(try FreshdeskSource("http://[::1]:8080").origin == "http://[::1]:8080")
        #expect(try FreshdeskSource("http://localhost").contains("http://localhost/api/v2/contacts?page=2"))
        #expect(try !FreshdeskSource("https://acme.freshdesk.com").contains("https://evil.example/api/v2/contacts?page=2"))

        let output = try await LanternBinary.run(["import", "freshdesk", "--url", "http://acme.freshdesk.com", "--api-key", "key", "--account", "1"],
                                           database: "sqlite:\(TestDatabase.temporarySQLitePath())")
        #expect(output.status == 2)
        #expect(output.stderr.contains("--url must use https"))
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
