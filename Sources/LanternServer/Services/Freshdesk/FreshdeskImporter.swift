import Crypto
import Fluent
import Foundation
import LanternCore

/// `lantern import freshdesk`: reads a Freshdesk account through its API v2 (`FreshdeskClient`) and writes it into a
/// Lantern account with the services the API and the portal use, so that every rule of theirs applies. Companies
/// (with domains), contacts (name, e-mail, language, companies), solution categories and folders with their
/// translations (subfolders become `Parent / Child`; segment-restricted folders become agents-only), articles with
/// every translation, status, tags, SEO texts and vote counts, and the help widgets' ids. The images of articles on
/// Freshdesk's hosts are stored with their article as article files (`FreshdeskImageFetcher`,
/// `ArticleAttachmentService`) and the HTML points at the copies; images elsewhere stay where they are.
///
/// Each Freshdesk object is written as it is read, on its own, and the Lantern object it became is remembered
/// (`freshdesk_import_ids`): run again, the import updates what changed and leaves the rest; interrupted, the next
/// run completes it. A dry run reads everything and writes nothing.
final class FreshdeskImporter {
    typealias Section = FreshdeskImportReport.Section
    typealias Kind = FreshdeskImportID.Kind

    let client: FreshdeskClient
    let images: FreshdeskImageFetcher
    let db: any Database
    let account: Account
    let accountID: Int
    let dryRun: Bool
    let progress: @Sendable (FreshdeskImportProgress) -> Void
    private(set) var report: FreshdeskImportReport

    /// Freshdesk id → Lantern id, per kind: the stored map, plus (in a dry run) stand-ins for what would be made.
    private var ids: [Kind: [Int64: Int]] = [:]
    private var nextStandIn = -1
    /// The account's languages, other than its default, that Freshdesk has translations in.
    private var translationLanguages: [String] = []
    /// Freshdesk agent id → Lantern agent id (same e-mail address).
    private var agents: [Int64: Int] = [:]

    /// A folder read from Freshdesk and the Lantern folder it became, waiting for its articles.
    private struct ImportedFolder {
        let freshdeskID: Int64
        let lanternID: Int
        let articleCount: Int?
    }

    private init(client: FreshdeskClient, images: FreshdeskImageFetcher, account: Account, dryRun: Bool, on db: any Database,
                 progress: @escaping @Sendable (FreshdeskImportProgress) -> Void) throws {
        self.client = client
        self.images = images
        self.db = db
        self.account = account
        self.accountID = try account.requireID()
        self.dryRun = dryRun
        self.progress = progress
        report = FreshdeskImportReport(source: client.source.origin, accountID: accountID, dryRun: dryRun)
    }

    /// Imports the Freshdesk account `client` reads into account `accountID`, article images through `images`;
    /// throws `FreshdeskImportError`.
    static func run(_ client: FreshdeskClient, images: FreshdeskImageFetcher, accountID: Int, dryRun: Bool, on db: any Database,
                    progress: @escaping @Sendable (FreshdeskImportProgress) -> Void = { _ in }) async throws -> FreshdeskImportReport {
        guard let account = try await Account.find(accountID, on: db) else {
            throw FreshdeskImportError.unusable("--account \(accountID): no account has this id.")
        }
        let importer = try FreshdeskImporter(client: client, images: images, account: account, dryRun: dryRun, on: db, progress: progress)
        try await importer.loadMap()
        try await importer.readLanguages()
        try await importer.importEach("Companies", of: "companies", as: FreshdeskAPI.Company.self) { try await importer.importCompany($0) }
        try await importer.readAgents()
        try await importer.importEach("Contacts", of: "contacts", as: FreshdeskAPI.Contact.self) { try await importer.importContact($0) }
        let folders = try await importer.importCategoriesAndFolders()
        try await importer.importArticles(in: folders)
        try await importer.importWidgets()
        return importer.report
    }

    // MARK: The id map

    private func loadMap() async throws {
        for row in try await FreshdeskImportID.query(on: db).filter(\.$accountID == accountID).all() {
            guard let kind = Kind(rawValue: row.kindName) else { continue }
            ids[kind, default: [:]][row.freshdeskID] = row.lanternID
        }
    }

    private func mapped(_ kind: Kind, _ freshdeskID: Int64) -> Int? { ids[kind]?[freshdeskID] }

    /// Remembers that `freshdeskID` became `lanternID` (in a dry run, only in memory).
    private func remember(_ kind: Kind, _ freshdeskID: Int64, as lanternID: Int) async throws {
        let known = ids[kind]?[freshdeskID]
        ids[kind, default: [:]][freshdeskID] = lanternID
        guard !dryRun, known != lanternID else { return }
        if let row = try await FreshdeskImportID.query(on: db).filter(\.$accountID == accountID)
            .filter(\.$kindName == kind.rawValue).filter(\.$freshdeskID == freshdeskID).first() {
            row.lanternID = lanternID
            try await row.save(on: db)
        } else {
            try await FreshdeskImportID(accountID: accountID, kind: kind, freshdeskID: freshdeskID, lanternID: lanternID).create(on: db)
        }
    }

    /// An id for what a dry run would create, so that what goes inside it is "would be created" too.
    private func standIn() -> Int {
        defer { nextStandIn -= 1 }
        return nextStandIn
    }

    // MARK: Tallies

    private func count(_ section: Section, _ outcome: WritableKeyPath<FreshdeskImportReport.Tally, Int>) {
        report.tallies[section, default: .init()][keyPath: outcome] += 1
    }

    private func skip(_ section: Section, _ freshdeskID: Int64, _ name: String, _ reason: String) {
        count(section, \.skipped)
        report.skipped.append(.init(section: section, freshdeskID: freshdeskID, name: name, reason: reason))
    }

    /// Runs a write unless this is a dry run; a Lantern validation error becomes `nil` with its message in `failure`.
    private func write<T>(_ work: () async throws -> T) async throws -> Result<T?, AppError> {
        try Task.checkCancellationAsImport()
        guard !dryRun else { return .success(nil) }
        do {
            return .success(try await work())
        } catch let error as AppError {
            return .failure(error)
        }
    }

    // MARK: Languages

    /// Freshdesk's primary language must be the account's default one; translations are read in the account's other
    /// languages that Freshdesk has (`GET /api/v2/settings/helpdesk`), or in all of them when the settings are closed.
    private func readLanguages() async throws {
        let others = account.supportedLanguages.filter { $0 != account.defaultLanguage }
        guard let settings = try await client.object("settings/helpdesk", as: FreshdeskAPI.HelpdeskSettings.self, forbiddenIsAbsent: true) else {
            translationLanguages = others
            report.notes.append("Freshdesk's helpdesk settings could not be read: translations were looked for in every language of the account (\(others.joined(separator: ", "))).")
            return
        }
        if let primary = settings.primary_language.flatMap(LanguageCode.init)?.value, primary != account.defaultLanguage {
            throw FreshdeskImportError.unusable(
                "Freshdesk's primary language is \(primary) but the Lantern account's default language is \(account.defaultLanguage): import into an account made with `lantern setup --default-language \(primary)`.")
        }
        let freshdesk = (settings.supported_languages ?? []).compactMap { LanguageCode($0)?.value }
        translationLanguages = others.filter { freshdesk.contains($0) }
        let missing = freshdesk.filter { $0 != account.defaultLanguage && !account.supportedLanguages.contains($0) }
        if !missing.isEmpty {
            report.notes.append("Freshdesk has \(missing.joined(separator: ", ")), which the account does not publish in (\(account.supportedLanguages.joined(separator: ", "))): those translations were not imported.")
        }
    }

    /// Imports each object of the list at `path`, page by page, counting them on the progress display as `part`.
    private func importEach<T: Decodable & Sendable>(_ part: String, of path: String, as type: T.Type,
                                                     _ importOne: (T) async throws -> Void) async throws {
        progress(.began(part, total: nil))
        var done = 0
        try await client.list(path, as: T.self) { page in
            for object in page { try await importOne(object) }
            done += page.count
            progress(.advanced(part, done: done, total: nil))
        }
    }

    // MARK: Companies

    private func importCompany(_ source: FreshdeskAPI.Company) async throws {
        let name = ImportedText.line(source.name, maximum: 255).text
        guard !name.isEmpty else { return skip(.companies, source.id, "", "it has no name") }
        var domains: [String] = []
        for raw in source.domains ?? [] {
            guard let domain = EmailAddress.normalizedDomain(raw), !raw.contains("@") else {
                report.notes.append("Company \(source.id) \"\(name)\": \"\(raw)\" is not a domain name; left out.")
                continue
            }
            if !domains.contains(domain) { domains.append(domain) }
        }
        if domains.count > CompanyService.maximumDomains {
            report.notes.append("Company \(source.id) \"\(name)\": only its first \(CompanyService.maximumDomains) domains were kept.")
            domains = Array(domains.prefix(CompanyService.maximumDomains))
        }
        var existing = try await mapped(.company, source.id).asyncFlatMap { try await CompanyService.find($0, accountID: accountID, on: db) }
        if existing == nil {
            // A company of the same name made before the import is the same company.
            existing = try await Company.query(on: db).filter(\.$accountID == accountID).filter(\.$name == name).first()
        }
        let input = CompanyInput(name: name, domains: domains)
        if let company = existing {
            let companyID = try company.requireID()
            if company.name == name && company.domains == domains {
                count(.companies, \.unchanged)
            } else if case .failure(let error) = try await write({ try await CompanyService.update(company, input, on: db) }) {
                return skip(.companies, source.id, name, error.message)
            } else {
                count(.companies, \.updated)
            }
            try await remember(.company, source.id, as: companyID)
            return
        }
        switch try await write({ try await CompanyService.create(accountID: accountID, input, on: db) }) {
        case .failure(let error): skip(.companies, source.id, name, error.message)
        case .success(let company):
            try await remember(.company, source.id, as: try company?.requireID() ?? standIn())
            count(.companies, \.created)
        }
    }

    // MARK: Agents

    /// Freshdesk agents whose e-mail address is a Lantern agent's become the authors of their articles.
    private func readAgents() async throws {
        var byEmail: [String: Int] = [:]
        for agent in try await AgentService.all(accountID: accountID, on: db) { if let id = agent.id { byEmail[agent.email] = id } }
        let listed = try await client.list("agents", as: FreshdeskAPI.Agent.self, forbiddenIsAbsent: true) { page in
            for agent in page {
                if let email = agent.contact?.email.flatMap(EmailAddress.init)?.value, let id = byEmail[email] { agents[agent.id] = id }
            }
        }
        if !listed {
            report.notes.append("Freshdesk's agents could not be listed: imported articles have no author.")
        }
    }

    // MARK: Contacts

    private func importContact(_ source: FreshdeskAPI.Contact) async throws {
        let rawName = ImportedText.line(source.name, maximum: 255).text
        guard let raw = source.email, !raw.isEmpty else {
            return skip(.contacts, source.id, rawName, "it has no e-mail address (Lantern knows customers by e-mail)")
        }
        guard let email = EmailAddress(raw)?.value else {
            return skip(.contacts, source.id, rawName, "\"\(raw)\" is not a valid e-mail address")
        }
        let name = rawName.isEmpty ? email : rawName
        let language = source.language.flatMap(LanguageCode.init).map(\.value).flatMap { account.supportedLanguages.contains($0) ? $0 : nil }
        var companyIDs: [Int] = []
        for companyID in [source.company_id] + (source.other_companies ?? []).map(\.company_id) {
            if let companyID, let lanternID = mapped(.company, companyID), lanternID > 0, !companyIDs.contains(lanternID) {
                companyIDs.append(lanternID)
            }
        }
        companyIDs.sort()
        var existing = try await mapped(.contact, source.id).asyncFlatMap { try await ContactService.find($0, accountID: accountID, on: db) }
        if existing == nil {
            existing = try await Contact.query(on: db).filter(\.$accountID == accountID).filter(\.$email == email).first()
        }
        let input = ContactInput(name: name, email: email, language: language.map { .value($0) } ?? .null, company_ids: companyIDs)
        if let contact = existing {
            let contactID = try contact.requireID()
            let current = try await ContactService.companyIDs(of: [contactID], on: db)[contactID] ?? []
            if contact.name == name && contact.email == email && contact.language == language && current == companyIDs {
                count(.contacts, \.unchanged)
            } else if case .failure(let error) = try await write({
                try await ContactService.update(contact, input, languages: account.supportedLanguages, on: db)
            }) {
                return skip(.contacts, source.id, name, error.message)
            } else {
                count(.contacts, \.updated)
            }
            try await remember(.contact, source.id, as: contactID)
            return
        }
        switch try await write({ try await ContactService.create(accountID: accountID, input, languages: account.supportedLanguages, on: db) }) {
        case .failure(let error): skip(.contacts, source.id, name, error.message)
        case .success(let created):
            try await remember(.contact, source.id, as: try created?.contact.requireID() ?? standIn())
            count(.contacts, \.created)
        }
    }

    // MARK: Categories and folders

    /// Imports every category with its translations and its folders (subfolders included); returns the folders in
    /// order, for their articles.
    private func importCategoriesAndFolders() async throws -> [ImportedFolder] {
        progress(.began("Categories and folders", total: nil))
        var categories: [(FreshdeskAPI.Category, Int)] = []
        try await client.list("solutions/categories", as: FreshdeskAPI.Category.self) { page in
            for category in page {
                if let lanternID = try await importCategory(category) { categories.append((category, lanternID)) }
            }
        }
        var folders: [ImportedFolder] = []
        for (category, lanternID) in categories {
            try await client.list("solutions/categories/\(category.id)/folders", as: FreshdeskAPI.Folder.self) { page in
                for folder in page {
                    try await importFolder(folder, path: [], translatedPath: [:], categoryID: lanternID, into: &folders)
                }
            }
            progress(.advanced("Categories and folders", done: folders.count, total: nil))
        }
        return folders
    }

    /// The category's Lantern id, or `nil` when it was skipped.
    private func importCategory(_ source: FreshdeskAPI.Category) async throws -> Int? {
        let name = ImportedText.line(source.name, maximum: 255).text
        guard !name.isEmpty else {
            skip(.categories, source.id, "", "it has no name")
            return nil
        }
        let description = shortened(ImportedText.block(source.description, maximum: CategoryService.maximumDescriptionLength),
                                    "Category \(source.id) \"\(name)\"")
        let input = CategoryInput(name: name, description: description)
        let lanternID: Int
        if let category = try await mapped(.category, source.id).asyncFlatMap({ try await CategoryService.find($0, accountID: accountID, on: db) }) {
            lanternID = try category.requireID()
            if category.name == name && category.description == description {
                count(.categories, \.unchanged)
            } else if case .failure(let error) = try await write({ try await CategoryService.update(category, input, on: db) }) {
                skip(.categories, source.id, name, error.message)
                return nil
            } else {
                count(.categories, \.updated)
            }
        } else {
            switch try await write({ try await CategoryService.create(accountID: accountID, input, on: db) }) {
            case .failure(let error):
                skip(.categories, source.id, name, error.message)
                return nil
            case .success(let category):
                lanternID = try category?.requireID() ?? standIn()
                count(.categories, \.created)
            }
        }
        try await remember(.category, source.id, as: lanternID)
        for language in translationLanguages {
            let translated = try await client.object("solutions/categories/\(source.id)/\(language)", as: FreshdeskAPI.Category.self)
            guard let translated else { continue }
            try await importContainerTranslation(.category(lanternID), language: language,
                                                 name: ImportedText.line(translated.name, maximum: 255).text,
                                                 description: ImportedText.block(translated.description, maximum: CategoryService.maximumDescriptionLength).text,
                                                 label: "Category \(source.id) \"\(name)\"")
        }
        return lanternID
    }

    /// Imports a folder and, depth first, its subfolders, appending each to `folders`.
    private func importFolder(_ source: FreshdeskAPI.Folder, path: [String], translatedPath: [String: [String]], categoryID: Int,
                              into folders: inout [ImportedFolder]) async throws {
        let ownName = ImportedText.line(source.name, maximum: 255).text
        guard !ownName.isEmpty else { return skip(.folders, source.id, "", "it has no name") }
        let name = shortened(ImportedText.folderName(path + [ownName], maximum: 255), "Folder \(source.id) \"\(ownName)\"")
        let description = shortened(ImportedText.block(source.description, maximum: FolderService.maximumDescriptionLength),
                                    "Folder \(source.id) \"\(name)\"")
        let (visibility, companyIDs) = folderVisibility(source, name: name)
        let input = FolderInput(name: name, description: description, visibility: visibility.rawValue,
                                company_ids: visibility == .selectedCompanies ? companyIDs : nil, category_id: categoryID)
        var lanternID: Int? = nil
        if let folder = try await mapped(.folder, source.id).asyncFlatMap({ try await FolderService.find($0, accountID: accountID, on: db) }) {
            let folderID = try folder.requireID()
            let current = try await FolderService.companyIDs(of: [folderID], on: db)[folderID] ?? []
            if folder.name == name && folder.description == description && folder.visibility == visibility
                && folder.categoryID == categoryID && current == (visibility == .selectedCompanies ? companyIDs : []) {
                count(.folders, \.unchanged)
                lanternID = folderID
            } else if case .failure(let error) = try await write({ try await FolderService.update(folder, input, on: db) }) {
                skip(.folders, source.id, name, error.message)
            } else {
                count(.folders, \.updated)
                lanternID = folderID
            }
        } else if categoryID < 0 {
            // A dry run's stand-in category: its folders would be created too.
            lanternID = standIn()
            count(.folders, \.created)
        } else if let category = try await CategoryService.find(categoryID, accountID: accountID, on: db) {
            switch try await write({ try await FolderService.create(in: category, input, on: db) }) {
            case .failure(let error): skip(.folders, source.id, name, error.message)
            case .success(let created):
                lanternID = try created?.folder.requireID() ?? standIn()
                count(.folders, \.created)
            }
        }
        guard let lanternID else { return }
        try await remember(.folder, source.id, as: lanternID)
        var translatedNames = translatedPath
        for language in translationLanguages {
            let parents = translatedPath[language] ?? path
            guard let translated = try await client.object("solutions/folders/\(source.id)/\(language)", as: FreshdeskAPI.Folder.self) else {
                translatedNames[language] = parents + [ownName]
                continue
            }
            let translatedName = ImportedText.line(translated.name, maximum: 255).text
            translatedNames[language] = parents + [translatedName.isEmpty ? ownName : translatedName]
            try await importContainerTranslation(.folder(lanternID), language: language,
                                                 name: ImportedText.folderName(translatedNames[language]!, maximum: 255).text,
                                                 description: ImportedText.block(translated.description, maximum: FolderService.maximumDescriptionLength).text,
                                                 label: "Folder \(source.id) \"\(name)\"")
        }
        folders.append(ImportedFolder(freshdeskID: source.id, lanternID: lanternID, articleCount: source.articles_count))
        if (source.sub_folders_count ?? 0) > 0 {
            try await client.list("solutions/folders/\(source.id)/subfolders", as: FreshdeskAPI.Folder.self) { page in
                for subfolder in page {
                    try await importFolder(subfolder, path: path + [ownName], translatedPath: translatedNames, categoryID: categoryID, into: &folders)
                }
            }
        }
    }

    /// The Lantern visibility and companies of a folder; a folder Lantern cannot show to the same people becomes
    /// agents-only and goes into the report.
    private func folderVisibility(_ source: FreshdeskAPI.Folder, name: String) -> (FolderVisibility, [Int]) {
        guard let visibility = FreshdeskVisibility(rawValue: source.visibility ?? FreshdeskVisibility.allUsers.rawValue) else {
            report.narrowedFolders.append(.init(freshdeskID: source.id, name: name,
                                                reason: "Freshdesk's visibility \(source.visibility ?? 0) is unknown to Lantern"))
            return (.agents, [])
        }
        if visibility.narrowedToAgents {
            report.narrowedFolders.append(.init(freshdeskID: source.id, name: name,
                                                reason: "shown to \(visibility.label) in Freshdesk; Lantern has no segments"))
            return (.agents, [])
        }
        guard visibility == .selectedCompanies else { return (visibility.lantern, []) }
        // In a dry run, companies that would be created have stand-in (negative) ids: they count, but are not written.
        let known = Set((source.company_ids ?? []).compactMap { mapped(.company, $0) })
        if known.isEmpty {
            report.narrowedFolders.append(.init(freshdeskID: source.id, name: name,
                                                reason: "shown to selected companies in Freshdesk, none of which was imported"))
            return (.agents, [])
        }
        if known.count < Set(source.company_ids ?? []).count {
            report.notes.append("Folder \(source.id) \"\(name)\": \(Set(source.company_ids ?? []).count - known.count) of its companies were not imported and do not see it.")
        }
        return (.selectedCompanies, known.filter { $0 > 0 }.sorted())
    }

    private func importContainerTranslation(_ container: ContainerTranslationService.Container, language: String, name: String,
                                            description: String, label: String) async throws {
        guard !name.isEmpty else { return }
        let input = CategoryInput(name: name, description: description)
        let existing = try await ContainerTranslationService.find(container, language: language, on: db)
        if let existing, existing.name == name && existing.description == description { return }
        let result = try await write {
            if existing != nil {
                _ = try await ContainerTranslationService.update(container, language: language, input, account: account, on: db)
            } else {
                _ = try await ContainerTranslationService.create(container, accountID: accountID, language: language, input, account: account, on: db)
            }
        }
        if case .failure(let error) = result {
            report.notes.append("\(label): its \(language) name was not imported: \(error.message)")
        }
    }

    /// The text, with a note in the report when it had to be shortened.
    private func shortened(_ cut: (text: String, shortened: Bool), _ label: String) -> String {
        if cut.shortened { report.notes.append("\(label): shortened to fit Lantern's limits.") }
        return cut.text
    }

    // MARK: Articles

    private func importArticles(in folders: [ImportedFolder]) async throws {
        let total = folders.allSatisfy { $0.articleCount != nil } ? folders.reduce(0) { $0 + ($1.articleCount ?? 0) } : nil
        progress(.began("Articles", total: total))
        var done = 0
        for folder in folders {
            var primaries: [FreshdeskAPI.Article] = []
            try await client.list("solutions/folders/\(folder.freshdeskID)/articles", as: FreshdeskAPI.Article.self) { primaries += $0 }
            var translations: [String: [Int64: FreshdeskAPI.Article]] = [:]
            for language in translationLanguages where !primaries.isEmpty {
                try await client.list("solutions/folders/\(folder.freshdeskID)/articles/\(language)", as: FreshdeskAPI.Article.self) { page in
                    for article in page { translations[language, default: [:]][article.id] = article }
                }
            }
            for article in primaries {
                try await importArticle(article, translations: translations.compactMapValues { $0[article.id] }, folderID: folder.lanternID)
                done += 1
                progress(.advanced("Articles", done: done, total: total.map { max($0, done) }))
            }
        }
    }

    /// An article version's checked fields, or the reason it cannot be imported; what the sanitiser removes goes
    /// into the report.
    private func fields(of source: FreshdeskAPI.Article, language: String, title: String) -> Result<ArticleStore.Fields, AppError> {
        let html = ImportedText.html(source.description)
        let problems = HTMLSanitizer.problems(html)
        guard problems.isEmpty else {
            return .failure(AppError(.validationFailed, "its \(language) HTML cannot be kept as it is (\(problems.joined(separator: ", "))): fix it in Freshdesk and import again"))
        }
        let removed = HTMLSanitizer.removals(html)
        if !removed.isEmpty { report.sanitized.append(.init(freshdeskID: source.id, language: language, title: title, removed: removed)) }
        let tags = ImportedText.tags(source.tags, maximumCount: ArticleStore.maximumTags, maximumLength: 64)
        if tags.changed { report.notes.append("Article \(source.id) \"\(title)\": tags cut to fit Lantern's limits (\(ArticleStore.maximumTags) tags of 64 characters).") }
        let seo = source.seo_data.map { seo in
            ArticleInput.SEOData(meta_title: ImportedText.line(seo.meta_title, maximum: 255).text,
                                 meta_description: ImportedText.block(seo.meta_description, maximum: 1000).text,
                                 meta_keywords: ImportedText.block(seo.meta_keywords, maximum: 1000).text)
        }
        let input = ArticleInput(title: title, description: html, status: source.status == 1 ? 1 : 2, tags: tags.tags,
                                 type: source.type == 2 ? 2 : 1, seo_data: seo ?? .init(meta_title: nil, meta_description: nil, meta_keywords: nil))
        var errors = FieldErrors()
        let fields = ArticleStore.fields(input, required: true, errors: &errors)
        if let problem = errors.fields.sorted(by: { $0.key < $1.key }).first {
            return .failure(AppError(.validationFailed, "its \(language) \(problem.key) \(problem.value)"))
        }
        return .success(fields)
    }

    private func importArticle(_ source: FreshdeskAPI.Article, translations: [String: FreshdeskAPI.Article], folderID: Int) async throws {
        let title = shortened(ImportedText.line(source.title, maximum: 255), "Article \(source.id) \"\(source.title ?? "")\"")
        let language = account.defaultLanguage
        var fields: ArticleStore.Fields
        switch self.fields(of: source, language: language, title: title) {
        case .failure(let error): return skip(.articles, source.id, title, error.message)
        case .success(let checked): fields = checked
        }
        fields.agentID = source.agent_id.flatMap { agents[$0] }
        let counters = Counters(thumbsUp: max(0, source.thumbs_up ?? 0), thumbsDown: max(0, source.thumbs_down ?? 0),
                                hits: max(0, source.hits ?? 0))
        let article: Article?
        var isNew = false
        if let existing = try await mapped(.article, source.id).asyncFlatMap({ try await ArticleStore.find($0, accountID: accountID, on: db) }) {
            article = existing
            fields.description = try await bringImages(into: fields.description!, of: existing, from: source, language: language, title: title)
            let primary = try await ArticleStore.translation(of: existing, in: existing.primaryLanguage, on: db)
            if existing.folderID == folderID && existing.status == fields.status && existing.tags == fields.tags
                && existing.articleType == fields.type && existing.agentID == fields.agentID
                && Counters(of: existing) == counters
                && primary.map({ same($0, fields) }) == true {
                count(.articles, \.unchanged)
            } else {
                let result = try await write {
                    _ = try await ArticleStore.update(existing, fields: fields, folderID: folderID, on: db)
                    try await set(counters, on: existing)
                }
                if case .failure(let error) = result { return skip(.articles, source.id, title, error.message) }
                count(.articles, \.updated)
            }
        } else if folderID < 0 {
            article = nil
            isNew = true
            count(.articles, \.created)
        } else {
            switch try await write({ () -> Article in
                let (created, _) = try await ArticleStore.create(accountID: accountID, folderID: folderID, language: language, fields: fields, on: db)
                try await set(counters, on: created)
                return created
            }) {
            case .failure(let error): return skip(.articles, source.id, title, error.message)
            case .success(let created):
                article = created
                isNew = true
                count(.articles, \.created)
            }
        }
        if let article, article.id != nil { try await remember(.article, source.id, as: try article.requireID()) }
        if isNew { try await bringImages(into: article, fields: fields, from: source, title: title) }
        for language in translationLanguages {
            guard let translation = translations[language] else { continue }
            try await importTranslation(translation, language: language, of: article)
        }
    }

    /// A translation keeps its own status: a draft one is imported, and not shown until it is published.
    private func importTranslation(_ source: FreshdeskAPI.Article, language: String, of article: Article?) async throws {
        let title = ImportedText.line(source.title, maximum: 255).text
        guard var fields = try fieldsOrSkip(source, language: language, title: title) else { return }
        fields.tags = nil
        fields.type = nil
        fields.description = try await bringImages(into: fields.description!, of: article, from: source, language: language, title: title)
        guard let article else { return count(.translations, \.created) }
        if let existing = try await ArticleStore.translation(of: article, in: language, on: db) {
            if same(existing, fields) && existing.statusCode == fields.status?.rawValue { return count(.translations, \.unchanged) }
            let result = try await write { _ = try await ArticleStore.update(article, language: language, fields: fields, folderID: nil, on: db) }
            if case .failure(let error) = result { return skip(.translations, source.id, "\(title) (\(language))", error.message) }
            count(.translations, \.updated)
        } else {
            let result = try await write { _ = try await ArticleStore.addTranslation(to: article, language: language, fields: fields, on: db) }
            if case .failure(let error) = result { return skip(.translations, source.id, "\(title) (\(language))", error.message) }
            count(.translations, \.created)
        }
    }

    private func fieldsOrSkip(_ source: FreshdeskAPI.Article, language: String, title: String) throws -> ArticleStore.Fields? {
        switch fields(of: source, language: language, title: title) {
        case .failure(let error):
            skip(.translations, source.id, "\(title) (\(language))", error.message)
            return nil
        case .success(let fields):
            return fields
        }
    }

    // MARK: Article images

    /// Brings the images of a new article's primary version over, once the article exists to hold them, and saves
    /// its HTML pointing at them (in a dry run, counts them).
    private func bringImages(into article: Article?, fields: ArticleStore.Fields, from source: FreshdeskAPI.Article, title: String) async throws {
        var fields = fields
        let original = fields.description!
        fields.description = try await bringImages(into: original, of: article, from: source, language: account.defaultLanguage, title: title)
        guard let article, fields.description != original else { return }
        if case .failure(let error) = try await write({ _ = try await ArticleStore.update(article, fields: fields, folderID: nil, on: db) }) {
            report.notes.append("Article \(source.id) \"\(title)\": its images were stored but its HTML could not point at them: \(error.message)")
        }
    }

    /// `html` (sanitised) with each image on Freshdesk's hosts pointing at its copy stored with `article`: the copy
    /// an earlier run stored, else one fetched and stored now. An image that cannot be fetched or stored keeps its
    /// address, as does one on another site; the report lists both. Without a stored article (a dry run), images
    /// not stored before are counted, not fetched.
    private func bringImages(into html: String, of article: Article?, from source: FreshdeskAPI.Article, language: String,
                             title: String) async throws -> String {
        var replacements: [String: String] = [:]
        for src in HTMLSanitizer.imageSources(html) {
            func left(_ reason: String) -> FreshdeskImportReport.Image {
                .init(freshdeskID: source.id, language: language, title: title, url: src, reason: reason)
            }
            guard let url = FreshdeskImageHost.absolute(src, source: client.source),
                  FreshdeskImageHost.of(url, source: client.source) != nil else {
                report.imagesElsewhere.append(left("not one of Freshdesk's hosts"))
                continue
            }
            guard let article, let articleID = article.id else {
                report.imagesStored += 1
                continue
            }
            let key = Self.imageKey(articleID: articleID, url: url)
            if let fileID = mapped(.articleImage, key), let path = try await storedFilePath(fileID, articleID: articleID) {
                replacements[src] = path
                report.imagesReused += 1
                continue
            }
            if dryRun {
                report.imagesStored += 1
                continue
            }
            try Task.checkCancellationAsImport()
            do {
                let fetched = try await images.fetch(url)
                defer { fetched.file.remove() }
                let stored = try await ArticleAttachmentService.create(article, file: fetched.file, accepted: fetched.accepted, agentID: nil, on: db)
                try await remember(.articleImage, key, as: try stored.requireID())
                replacements[src] = stored.path
                report.imagesStored += 1
            } catch let failure as FreshdeskImageFetcher.Failure {
                if Task.isCancelled { throw FreshdeskImportError.interrupted }
                report.imagesFailed.append(left(failure.description))
            }
        }
        return replacements.isEmpty ? html : HTMLSanitizer.sanitize(html, replacingImageSources: replacements)
    }

    /// The id map's key for the image at `url` in article `articleID`: each article keeps its own copy, served to
    /// whoever may read that article.
    static func imageKey(articleID: Int, url: String) -> Int64 {
        let digest = Array(SHA256.hash(data: Data("\(articleID) \(url)".utf8)))
        return Int64(bitPattern: digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    }

    /// The address of article file `fileID` if it is still there, with the article.
    private func storedFilePath(_ fileID: Int, articleID: Int) async throws -> String? {
        try await ArticleAttachment.query(on: db).filter(\.$id == fileID).filter(\.$articleID == articleID)
            .field(\.$id).field(\.$key).field(\.$filename).first()?.path
    }

    /// Whether the translation already has these title, body and SEO texts.
    private func same(_ translation: ArticleTranslation, _ fields: ArticleStore.Fields) -> Bool {
        translation.title == fields.title && translation.description == fields.description
            && translation.metaTitle == fields.seo?.title && translation.metaDescription == fields.seo?.description
            && translation.metaKeywords == fields.seo?.keywords
    }

    /// An article's vote counts and hits.
    private struct Counters: Equatable {
        var thumbsUp: Int
        var thumbsDown: Int
        var hits: Int

        init(thumbsUp: Int, thumbsDown: Int, hits: Int) {
            (self.thumbsUp, self.thumbsDown, self.hits) = (thumbsUp, thumbsDown, hits)
        }

        init(of article: Article) {
            self.init(thumbsUp: article.thumbsUp, thumbsDown: article.thumbsDown, hits: article.hits)
        }
    }

    /// Freshdesk's vote counts and hits are where Lantern's counters start.
    private func set(_ counters: Counters, on article: Article) async throws {
        guard Counters(of: article) != counters else { return }
        article.thumbsUp = counters.thumbsUp
        article.thumbsDown = counters.thumbsDown
        article.hits = counters.hits
        try await article.save(on: db)
    }

    // MARK: Help widgets

    /// Each Freshdesk help widget's id goes to a Lantern widget: the one that had it, else the account's widgets
    /// without a Freshdesk id in order (the one `lantern setup` made first), else a new widget of that name.
    private func importWidgets() async throws {
        progress(.began("Help widgets", total: nil))
        var widgets: [FreshdeskAPI.HelpWidget] = []
        let listed = try await client.list("help_widgets", as: FreshdeskAPI.HelpWidget.self, forbiddenIsAbsent: true) { widgets += $0 }
        guard listed else {
            report.notes.append("Freshdesk's API did not list the help widgets: give the Lantern widget its Freshdesk widget id by hand (PUT /api/v2/widgets/{id} {\"freshdesk_widget_id\": …}, or the widget's page in the agent portal).")
            return
        }
        var free = try await WidgetService.all(accountID: accountID, on: db).filter { $0.freshdeskWidgetID == nil }
        for source in widgets {
            let name = ImportedText.line(source.name, maximum: 255).text.nilIfEmpty ?? "Help widget \(source.id)"
            guard source.id > 0, source.id <= Int64(Int.max) else { skip(.widgets, source.id, name, "its id is out of range"); continue }
            let freshdeskID = Int(source.id)
            let owned = try await Widget.query(on: db).filter(\.$accountID == accountID).filter(\.$freshdeskWidgetID == freshdeskID).first()
            if let owned {
                try await remember(.widget, source.id, as: try owned.requireID())
                count(.widgets, \.unchanged)
                continue
            }
            let input = WidgetInput(name: nil, freshdesk_widget_id: .value(freshdeskID))
            if !free.isEmpty {
                let widget = free.removeFirst()
                if case .failure(let error) = try await write({ try await WidgetService.update(widget, input, languages: account.supportedLanguages, on: db) }) {
                    skip(.widgets, source.id, name, error.message)
                    continue
                }
                try await remember(.widget, source.id, as: try widget.requireID())
                count(.widgets, \.updated)
                continue
            }
            let new = WidgetInput(name: name, freshdesk_widget_id: .value(freshdeskID))
            switch try await write({ try await WidgetService.create(accountID: accountID, new, languages: account.supportedLanguages, on: db) }) {
            case .failure(let error): skip(.widgets, source.id, name, error.message)
            case .success(let created):
                try await remember(.widget, source.id, as: try created?.widget.requireID() ?? standIn())
                count(.widgets, \.created)
            }
        }
    }
}

private extension Optional {
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}

private extension Task where Success == Never, Failure == Never {
    /// Throws `FreshdeskImportError.interrupted` once the import's task is cancelled (Ctrl-C).
    static func checkCancellationAsImport() throws {
        if isCancelled { throw FreshdeskImportError.interrupted }
    }
}
