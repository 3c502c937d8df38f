import Fluent
import Foundation
import LanternCore
import SQLKit
import Vapor

/// Seeds the demo tenant that `lantern serve --demo` shows: the "Brightbill" help center, its two customer
/// companies, demo customers, a knowledge base of every visibility kind in English and French, and a widget.
enum DemoSeeder {
    static let accountName = "Brightbill"
    static let agentEmail = "admin@brightbill.example"
    static let agentPassword = "lantern-demo"

    /// The demo customers the `/demo` site can sign in as.
    static let customers: [(name: String, email: String, language: String?)] = [
        ("Alice Martin", "alice@acme.example", nil),
        ("Bruno Keller", "bruno@globex.example", nil),
        ("Camille Durand", "camille@example.com", "fr"),
    ]

    /// What the operator needs to find the demo.
    struct Summary: Sendable {
        let accountID: Int
        let widgetID: Int
        /// Shown only when the account was created by this call (keys are stored hashed).
        let apiKey: String?
        let created: Bool
    }

    /// Creates the demo account unless it already exists, and returns where to find it. On PostgreSQL, processes
    /// (or tests) seeding at the same moment take turns under an advisory lock, so the demo is created once.
    static func seedIfNeeded(on app: Application) async throws -> Summary {
        guard !app.db.isSQLite else { return try await seedUnlocked(on: app) }
        return try await app.db.withConnection { connection in
            try await connection.sql.raw("SELECT pg_advisory_lock(\(literal: seedLockKey))").run()
            do {
                let summary = try await seedUnlocked(on: app)
                try await connection.sql.raw("SELECT pg_advisory_unlock(\(literal: seedLockKey))").run()
                return summary
            } catch {
                try? await connection.sql.raw("SELECT pg_advisory_unlock(\(literal: seedLockKey))").run()
                throw error
            }
        }
    }

    /// "LanternDemo" in ASCII, beside the migrations' lock.
    private static let seedLockKey = 0x4C616E7465726E44

    private static func seedUnlocked(on app: Application) async throws -> Summary {
        if let existing = try await Account.query(on: app.db).filter(\.$name == accountName).sort(\.$id).first(),
           let widget = try await Widget.query(on: app.db).filter(\.$accountID == existing.requireID())
               .sort(\.$id).first() {
            return Summary(accountID: try existing.requireID(), widgetID: try widget.requireID(), apiKey: nil, created: false)
        }
        let provisioned = try await AccountProvisioner.provision(
            .init(accountName: accountName, adminEmail: agentEmail, adminPassword: agentPassword,
                  adminName: "Brightbill Support", defaultLanguage: "en", supportedLanguages: ["en", "fr"]),
            on: app
        )
        let accountID = provisioned.accountID
        try await app.db.writeTransaction { db in
            let companies = try await seedCompanies(accountID: accountID, on: db)
            try await seedCustomers(accountID: accountID, companies: companies, on: db)
            try await seedKnowledgeBase(accountID: accountID, companies: companies, on: db)
            if let widget = try await Widget.find(provisioned.widgetID, on: db) {
                widget.name = "Brightbill help"
                try await widget.save(on: db)
            }
        }
        return Summary(accountID: accountID, widgetID: provisioned.widgetID, apiKey: provisioned.apiKey, created: true)
    }

    /// Company id by e-mail domain.
    private static func seedCompanies(accountID: Int, on db: any Database) async throws -> [String: Int] {
        var byDomain: [String: Int] = [:]
        for (name, domain) in [("Acme Corporation", "acme.example"), ("Globex", "globex.example")] {
            let company = Company(accountID: accountID, name: name, domains: [domain])
            try await company.create(on: db)
            byDomain[domain] = try company.requireID()
        }
        return byDomain
    }

    private static func seedCustomers(accountID: Int, companies: [String: Int], on db: any Database) async throws {
        for customer in customers {
            let contact = Contact(accountID: accountID, name: customer.name, email: customer.email, language: customer.language)
            try await contact.create(on: db)
            let domain = EmailAddress(customer.email)!.domain
            if let companyID = companies[domain] {
                try await CompanyMembership(accountID: accountID, contactID: contact.requireID(), companyID: companyID)
                    .create(on: db)
            }
        }
    }

    private static func seedKnowledgeBase(accountID: Int, companies: [String: Int], on db: any Database) async throws {
        for (categoryPosition, demoCategory) in DemoKnowledgeBase.categories.enumerated() {
            let category = SolutionCategory(accountID: accountID, name: demoCategory.name,
                                            description: demoCategory.description, position: categoryPosition + 1)
            try await category.create(on: db)
            for (folderPosition, demoFolder) in demoCategory.folders.enumerated() {
                let folder = SolutionFolder(
                    accountID: accountID, categoryID: try category.requireID(), name: demoFolder.name,
                    description: demoFolder.description,
                    visibility: FolderVisibility(rawValue: demoFolder.visibility.rawValue)!, position: folderPosition + 1
                )
                try await folder.create(on: db)
                let folderID = try folder.requireID()
                for domain in demoFolder.companyDomains {
                    guard let companyID = companies[domain] else { continue }
                    try await FolderCompany(accountID: accountID, folderID: folderID, companyID: companyID).create(on: db)
                }
                for demoArticle in demoFolder.articles {
                    let article = Article(accountID: accountID, folderID: folderID, status: .published,
                                          primaryLanguage: "en", tags: demoArticle.tags)
                    try await article.create(on: db)
                    let articleID = try article.requireID()
                    try await ArticleTranslation(accountID: accountID, articleID: articleID, language: "en",
                                                 title: demoArticle.title, description: demoArticle.body).create(on: db)
                    for translation in demoArticle.translations {
                        try await ArticleTranslation(accountID: accountID, articleID: articleID,
                                                     language: translation.language, title: translation.title,
                                                     description: translation.body).create(on: db)
                    }
                }
            }
        }
    }
}
