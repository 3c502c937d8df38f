import Fluent
import Foundation
import LanternCore
import Testing
import Vapor
@testable import LanternServer

@Suite("Account provisioning")
struct ProvisioningTests {
    @Test("An account comes with its admin, a hashed admin API key, a default widget and a 256-bit shared secret")
    func provisions() async throws {
        try await withLantern { app in
            let result = try await AccountProvisioner.provision(
                .init(accountName: "Initech", adminEmail: "Boss@Initech.Example", adminPassword: "tps-report-2"), on: app
            )
            #expect(result.adminEmail == "boss@initech.example")
            #expect(result.sharedSecret.count == 64)

            let account = try #require(try await Account.find(result.accountID, on: app.db))
            #expect(account.name == "Initech")
            #expect(account.sharedSecret == result.sharedSecret)
            #expect(account.defaultLanguage == "en")
            #expect(account.supportedLanguages.contains("fr"))

            let admin = try #require(try await Agent.query(on: app.db).filter(\.$accountID == result.accountID).first())
            #expect(admin.role == .admin)
            #expect(admin.passwordHash != "tps-report-2")
            #expect(try Bcrypt.verify("tps-report-2", created: admin.passwordHash))
            #expect(try !Bcrypt.verify("wrong password", created: admin.passwordHash))

            let keys = try await APIKey.query(on: app.db).filter(\.$accountID == result.accountID).all()
            #expect(keys.count == 1)
            #expect(keys.first?.keyDigest == APIKeyDigest.of(result.apiKey))
            #expect(keys.first?.keyDigest.contains(result.apiKey) == false)
            #expect(keys.first?.agentID == admin.id)

            let widget = try #require(try await Widget.find(result.widgetID, on: app.db))
            #expect(widget.accountID == result.accountID)
            #expect(widget.contactFormEnabled)
            #expect(try await WidgetCategory.query(on: app.db).filter(\.$widgetID == result.widgetID).count() == 0)
        }
    }

    @Test("A second account is a second tenant with its own secret, even with the same admin e-mail")
    func secondTenant() async throws {
        try await withLantern { app in
            let request = AccountProvisioner.Request(accountName: "Tenant", adminEmail: "same@tenant.example",
                                                     adminPassword: "password-1")
            let first = try await AccountProvisioner.provision(request, on: app)
            let second = try await AccountProvisioner.provision(request, on: app)
            #expect(first.accountID != second.accountID)
            #expect(first.widgetID != second.widgetID)
            #expect(first.sharedSecret != second.sharedSecret)
            #expect(first.apiKey != second.apiKey)
        }
    }

    @Test("Bad arguments are rejected before anything is written", arguments: [
        ("", "a@b.example", "password1", "--account"),
        ("Co", "not-an-email", "password1", "--admin-email"),
        ("Co", "a@b.example", "short", "--admin-password"),
        ("Co", "a@b.example", String(repeating: "x", count: 73), "--admin-password"),
    ])
    func rejects(name: String, email: String, password: String, argument: String) async throws {
        try await withLantern { app in
            // A name of its own, so that tests running beside this one on a shared database do not interfere.
            let uniqueName = name.isEmpty ? name : "\(name) \(UUID().uuidString)"
            await #expect {
                try await AccountProvisioner.provision(.init(accountName: uniqueName, adminEmail: email, adminPassword: password), on: app)
            } throws: { error in
                (error as? AccountProvisioner.InvalidArgument)?.argument == argument
            }
            let stored = try await Account.query(on: app.db).filter(\.$name == uniqueName).count()
            #expect(stored == 0)
        }
    }

    @Test("Languages are validated and normalised; the default language is always supported")
    func languages() throws {
        let checked = try AccountProvisioner.validate(.init(accountName: "Co", adminEmail: "a@b.example",
                                                            adminPassword: "password1", defaultLanguage: "DE",
                                                            supportedLanguages: ["fr", "pt_br", "fr"]))
        #expect(checked.defaultLanguage == "de")
        #expect(checked.languages == ["de", "fr", "pt-BR"])
        #expect(throws: AccountProvisioner.InvalidArgument.self) {
            try AccountProvisioner.validate(.init(accountName: "Co", adminEmail: "a@b.example", adminPassword: "password1",
                                                  supportedLanguages: ["klingon"]))
        }
    }
}

@Suite("Demo content", .serialized)
struct DemoContentTests {
    @Test("The demo seeds at least 24 articles in two languages over folders of every visibility, once")
    func seeds() async throws {
        try await withLantern(demo: true) { app in
            let summary = try await DemoSeeder.seedIfNeeded(on: app)
            let accountID = summary.accountID
            let folders = try await SolutionFolder.query(on: app.db).filter(\.$accountID == accountID).all()
            #expect(Set(folders.map(\.visibility)) == Set(FolderVisibility.allCases))
            let articles = try await Article.query(on: app.db).filter(\.$accountID == accountID).all()
            #expect(articles.count >= 24)
            #expect(articles.allSatisfy { $0.status == .published })
            let translations = try await ArticleTranslation.query(on: app.db).filter(\.$accountID == accountID).all()
            #expect(Set(translations.map(\.language)) == ["en", "fr"])
            #expect(translations.filter { $0.language == "en" }.count == articles.count)

            let companyFolders = folders.filter { $0.visibility == .selectedCompanies }
            for folder in companyFolders {
                #expect(try await FolderCompany.query(on: app.db).filter(\.$folderID == folder.requireID()).count() == 1)
            }
            let companies = try await Company.query(on: app.db).filter(\.$accountID == accountID).all()
            #expect(companies.count == 2)
            #expect(companies.allSatisfy { !$0.domains.isEmpty })

            let again = try await DemoSeeder.seedIfNeeded(on: app)
            #expect(again.accountID == accountID)
            #expect(!again.created || !summary.created)
            #expect(again.apiKey == nil)
            #expect(try await Article.query(on: app.db).filter(\.$accountID == accountID).count() == articles.count)
        }
    }

    @Test("/demo is served only in demo mode, naming the demo widget")
    func demoPage() async throws {
        try await withLantern { app in
            let response = try await app.testing().sendRequest(.GET, "demo")
            #expect(response.status == .notFound)
        }
        try await withLantern(demo: true) { app in
            let summary = try await DemoSeeder.seedIfNeeded(on: app)
            let response = try await app.testing().sendRequest(.GET, "demo")
            #expect(response.status == .ok)
            #expect(response.headers.contentType == .html)
            #expect(response.body.string.contains("<code id=\"demo-widget-id\">\(summary.widgetID)</code>"))
        }
    }
}
