import Fluent
import Foundation
import LanternCore

/// Articles and their translations: finding and listing them, checking what they are created or changed with
/// (the rules the JSON API and the agent portal share), and writing them. HTML is sanitised on the way in, each
/// change is one transaction, and problems with the input are thrown as `AppError.validation`.
enum ArticleStore {
    /// Checked article fields.
    struct Fields {
        var title: String?
        var description: String?
        var status: Article.Status?
        var tags: [String]?
        /// When the scheduler publishes / unpublishes the article; `.null` clears the schedule.
        var publishAt: NullableField<Date> = .absent
        var unpublishAt: NullableField<Date> = .absent
        /// The revision the change started from (`409 edit_conflict` if someone else saved after it).
        var baseRevision: Int?
        var agentID: Int?
        var type: Int?
        /// New SEO texts (nil inside: remove that one); nil: unchanged.
        var seo: (title: String?, description: String?, keywords: String?)?
    }

    /// An article of a list, with its primary translation (or any one, if the primary is missing) and every
    /// language it exists in, sorted.
    struct Listed {
        let article: Article
        let primary: ArticleTranslation?
        let languages: [String]
    }

    static let maximumDescriptionBytes = 512 * 1024
    static let maximumTags = 30

    // MARK: Finding and listing

    /// The article with this id in the account, if any.
    static func find(_ id: Int, accountID: Int, on db: any Database) async throws -> Article? {
        try await Article.find(id, inAccount: accountID, on: db)
    }

    /// The article with this id in the account, else `404 article_not_found`.
    static func require(_ id: Int, accountID: Int, on db: any Database) async throws -> Article {
        guard let article = try await find(id, accountID: accountID, on: db) else { throw AppError.articleNotFound }
        return article
    }

    /// The folder the article is in.
    static func folder(of article: Article, on db: any Database) async throws -> SolutionFolder? {
        try await SolutionFolder.find(article.folderID, on: db)
    }

    /// Every article of a folder, oldest first.
    static func all(in folderID: Int, on db: any Database) async throws -> [Listed] {
        try await listed(Article.query(on: db).filter(\.$folderID == folderID).sort(\.$id).all(), on: db)
    }

    /// One page of the articles of a folder, oldest first.
    static func page(in folderID: Int, _ page: PageRequest, on db: any Database) async throws -> Page<Listed> {
        let fetched = try await Article.query(on: db).filter(\.$folderID == folderID)
            .sort(\.$id).offset(page.offset).limit(page.perPage + 1).all()
        return Page(fetched: try await listed(fetched, on: db), request: page)
    }

    static func translation(of article: Article, in language: String, on db: any Database) async throws -> ArticleTranslation? {
        try await ArticleTranslation.query(on: db).filter(\.$articleID == article.requireID()).filter(\.$language == language).first()
    }

    /// Every translation of the article, the primary one included.
    static func translations(of article: Article, on db: any Database) async throws -> [ArticleTranslation] {
        try await ArticleTranslation.query(on: db).filter(\.$articleID == article.requireID()).all()
    }

    static func languages(of articleIDs: [Int], on db: any Database) async throws -> [Int: [String]] {
        guard !articleIDs.isEmpty else { return [:] }
        let rows = try await ArticleTranslation.query(on: db).filter(\.$articleID ~~ articleIDs).field(\.$articleID).field(\.$language).all()
        return Dictionary(grouping: rows, by: \.articleID).mapValues { $0.map(\.language).sorted() }
    }

    // MARK: Checking

    /// Validates the fields of `input` (`required` on create) into `errors`.
    static func fields(_ input: ArticleInput, required: Bool, errors: inout FieldErrors) -> Fields {
        var fields = Fields()
        fields.title = errors.text(input.title, "title", required: required, maximum: 255)
        if let description = input.description {
            if description.utf8.count > maximumDescriptionBytes {
                errors.add("description", "must be at most \(maximumDescriptionBytes / 1024) KiB")
            } else if description.unicodeScalars.contains(where: { FieldErrors.isControl($0, allowingLineBreaks: true) }) {
                errors.add("description", "must not contain control characters other than tabs and line breaks")
            } else if case let problems = HTMLSanitizer.problems(description), !problems.isEmpty {
                // What the sanitiser would drop silently (an unclosed <svg> takes the rest of the article) is refused.
                errors.add("description", "has HTML that cannot be kept: \(problems.joined(separator: ", "))")
            } else {
                let sanitized = HTMLSanitizer.sanitize(description)
                if HTMLSanitizer.plainText(sanitized).isEmpty && !sanitized.contains("<img") {
                    errors.add("description", "must not be empty")
                } else {
                    fields.description = sanitized
                }
            }
        } else if required {
            errors.add("description", "is required")
        }
        if let status = input.status {
            if let valid = Article.Status(rawValue: status) { fields.status = valid } else { errors.add("status", "must be 1 (draft) or 2 (published)") }
        }
        if let tags = input.tags {
            let cleaned = tags.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            if cleaned.count > maximumTags || cleaned.contains(where: { tag in
                tag.isEmpty || tag.count > 64 || tag.unicodeScalars.contains { FieldErrors.isControl($0, allowingLineBreaks: false) }
            }) {
                errors.add("tags", "must be at most \(maximumTags) non-blank tags of at most 64 characters, without control characters")
            } else {
                var unique: [String] = []
                for tag in cleaned where !unique.contains(tag) { unique.append(tag) }
                fields.tags = unique
            }
        }
        if let type = input.type {
            if type == 1 || type == 2 { fields.type = type } else { errors.add("type", "must be 1 (permanent) or 2 (workaround)") }
        }
        if let seo = input.seo_data {
            let title = errors.freeText(seo.meta_title, "seo_data.meta_title", maximum: 255)
            let description = errors.freeText(seo.meta_description, "seo_data.meta_description", maximum: 1000)
            let keywords = errors.freeText(seo.meta_keywords, "seo_data.meta_keywords", maximum: 1000)
            fields.seo = (title?.nilIfEmpty, description?.nilIfEmpty, keywords?.nilIfEmpty)
        }
        fields.agentID = input.agent_id
        fields.publishAt = time(input.publish_at, "publish_at", errors: &errors)
        fields.unpublishAt = time(input.unpublish_at, "unpublish_at", errors: &errors)
        if case .value(let publish) = fields.publishAt, case .value(let unpublish) = fields.unpublishAt, unpublish <= publish {
            errors.add("unpublish_at", "must be after publish_at")
        }
        if let base = input.base_revision, base < 0 { errors.add("base_revision", "must be a revision number") }
        fields.baseRevision = input.base_revision
        return fields
    }

    /// 422 unless `agentID` (when given) is an agent of the account.
    static func checkAgent(_ agentID: Int?, accountID: Int, on db: any Database) async throws {
        guard let agentID else { return }
        if try await Agent.find(agentID, inAccount: accountID, on: db) == nil {
            throw AppError.validation(["agent_id": "must be the id of an agent of the account"])
        }
    }

    /// An ISO 8601 time of the schedule, `null`, or not given.
    private static func time(_ raw: NullableField<String>, _ field: String, errors: inout FieldErrors) -> NullableField<Date> {
        switch raw {
        case .absent: return .absent
        case .null: return .null
        case .value(let text):
            if text.isEmpty { return .null }
            guard let date = ISO8601Time.parse(text) else {
                errors.add(field, "must be an ISO 8601 time such as 2030-01-31T09:00:00Z, or null")
                return .absent
            }
            return .value(date)
        }
    }

    /// Sets the article's schedule from `fields` (what is not given stays).
    private static func applySchedule(_ fields: Fields, to article: Article) {
        switch fields.publishAt {
        case .absent: break
        case .null: article.publishAt = nil
        case .value(let date): article.publishAt = date
        }
        switch fields.unpublishAt {
        case .absent: break
        case .null: article.unpublishAt = nil
        case .value(let date): article.unpublishAt = date
        }
    }

    /// A new article for `folder`: title and description required, in one of the account's languages (its
    /// default one unless `language` says otherwise).
    static func checkNew(_ input: ArticleInput, in folder: SolutionFolder, account: Account) throws -> (fields: Fields, language: String) {
        var errors = FieldErrors()
        let fields = fields(input, required: true, errors: &errors)
        let language = input.language == nil ? account.defaultLanguage
            : errors.language(input.language, "language", supported: account.supportedLanguages)
        if input.folder_id != nil && input.folder_id != folder.id { errors.add("folder_id", "must be the folder in the URL, or left out") }
        try errors.throwIfAny()
        return (fields, language!)
    }

    /// Changes to an article in `folder` and its primary translation; `folder_id` moves it to another folder of
    /// the account (the returned destination). `required` when every field must be given (a form that always has
    /// them). `problems` are those the caller found reading its request; they come first.
    static func checkChanges(_ input: ArticleInput, in folder: SolutionFolder, required: Bool = false,
                             problems: FieldErrors = FieldErrors(), on db: any Database) async throws -> (fields: Fields, destination: SolutionFolder) {
        var errors = problems
        let fields = fields(input, required: required, errors: &errors)
        var destination = folder
        if let folderID = input.folder_id, folderID != folder.id {
            if let target = try await FolderService.find(folderID, accountID: folder.accountID, on: db) {
                destination = target
            } else {
                errors.add("folder_id", "is not a folder of this account")
            }
        }
        if input.language != nil { errors.add("language", "cannot change; add a translation with POST /api/v2/solutions/articles/{id}/{language}") }
        try errors.throwIfAny()
        return (fields, destination)
    }

    /// The language of a translation: one of the account's languages.
    static func checkLanguage(_ raw: String, account: Account) throws -> String {
        var errors = FieldErrors()
        let language = errors.language(raw, "language", supported: account.supportedLanguages)
        try errors.throwIfAny()
        return language!
    }

    /// A new translation: title and description required.
    static func checkNewTranslation(_ input: ArticleInput) throws -> Fields {
        var errors = FieldErrors()
        let fields = fields(input, required: true, errors: &errors)
        try errors.throwIfAny()
        return fields
    }

    /// Changes to one translation; only the whole article moves to another folder.
    static func checkTranslationChanges(_ input: ArticleInput) throws -> Fields {
        var errors = FieldErrors()
        let fields = fields(input, required: false, errors: &errors)
        if input.folder_id != nil { errors.add("folder_id", "moves the whole article: use PUT /api/v2/solutions/articles/{id}") }
        for (field, value) in [("publish_at", input.publish_at), ("unpublish_at", input.unpublish_at)] {
            if case .absent = value { continue }
            errors.add(field, "schedules the whole article: use PUT /api/v2/solutions/articles/{id}")
        }
        try errors.throwIfAny()
        return fields
    }

    /// A draft's text: `title` and `description` (either may be left out); the article's other fields are changed
    /// directly, not drafted.
    static func checkDraft(_ input: ArticleInput) throws -> ArticleRevisionService.DraftChange {
        var errors = FieldErrors()
        let fields = fields(input, required: false, errors: &errors)
        let direct = "is not drafted; change it with PUT /api/v2/solutions/articles/{id}"
        if input.status != nil { errors.add("status", direct) }
        if input.tags != nil { errors.add("tags", direct) }
        if input.folder_id != nil { errors.add("folder_id", direct) }
        if case .absent = input.publish_at {} else { errors.add("publish_at", direct) }
        if case .absent = input.unpublish_at {} else { errors.add("unpublish_at", direct) }
        try errors.throwIfAny()
        return ArticleRevisionService.DraftChange(title: fields.title, description: fields.description)
    }

    /// A whole translation as the side-by-side editor sends it: in one of the account's languages other than the
    /// article's primary one, title and description required. Publishing and drafting apply to the whole article,
    /// on the primary version, so a status is ignored.
    static func checkSideBySideTranslation(_ input: ArticleInput, language raw: String, of article: Article,
                                           account: Account) throws -> (fields: Fields, language: String) {
        var errors = FieldErrors()
        let language = errors.language(raw, "language", supported: account.supportedLanguages)
        if language == article.primaryLanguage { errors.add("language", "is the primary language; edit the primary version") }
        var fields = fields(input, required: true, errors: &errors)
        fields.status = nil
        try errors.throwIfAny()
        return (fields, language!)
    }

    // MARK: Writing

    /// Creates the article with its first translation (its first revision), on behalf of `agentID`.
    static func create(accountID: Int, folderID: Int, language: String, fields: Fields, agentID: Int? = nil,
                       on db: any Database) async throws -> (Article, ArticleTranslation) {
        try await db.writeTransaction { db in
            let article = Article(accountID: accountID, folderID: folderID, status: fields.status ?? .draft,
                                  primaryLanguage: language, tags: fields.tags ?? [])
            applySchedule(fields, to: article)
            article.agentID = fields.agentID
            if let type = fields.type { article.articleType = type }
            try await article.create(on: db)
            let translation = ArticleTranslation(accountID: accountID, articleID: try article.requireID(), language: language,
                                                 title: fields.title!, description: fields.description!)
            apply(fields.seo, to: translation)
            try await translation.create(on: db)
            try await ArticleRevisionService.record(article, kind: .published, language: language, title: translation.title,
                                                    description: translation.description, agentID: agentID, on: db)
            return (article, translation)
        }
    }

    /// Updates the article and its translation in `language` (the primary one unless told otherwise) directly, on
    /// behalf of `agentID`: a changed text is a published revision. A status is the article's in the primary
    /// language, the translation's own in another.
    static func update(_ article: Article, language: String? = nil, fields: Fields, folderID: Int?, agentID: Int? = nil,
                       on db: any Database) async throws -> ArticleTranslation {
        let language = language ?? article.primaryLanguage
        return try await db.writeTransaction { db in
            let articleID = try article.requireID()
            try await ArticleRevisionService.lock(articleID, on: db)
            try await ArticleRevisionService.checkBase(fields.baseRevision, articleID: articleID, language: language, agentID: agentID, on: db)
            let primary = language == article.primaryLanguage
            if primary, let status = fields.status { article.statusCode = status.rawValue }
            if let tags = fields.tags { article.tags = tags }
            if let agentID = fields.agentID { article.agentID = agentID }
            if let type = fields.type { article.articleType = type }
            if let folderID { article.folderID = folderID }
            applySchedule(fields, to: article)
            article.updatedAt = Date()
            try await article.save(on: db)
            guard let translation = try await translation(of: article, in: language, on: db) else { throw AppError.translationNotFound }
            let changed = (fields.title.map { $0 != translation.title } ?? false) || (fields.description.map { $0 != translation.description } ?? false)
            translation.setContent(title: fields.title, description: fields.description)
            apply(fields.seo, to: translation)
            if !primary, let status = fields.status { translation.statusCode = status.rawValue }
            try await translation.save(on: db)
            if changed {
                try await ArticleRevisionService.record(article, kind: .published, language: language, title: translation.title,
                                                        description: translation.description, agentID: agentID, on: db)
            }
            return translation
        }
    }

    /// Adds a translation (a published revision) with its own status (published unless `fields` says otherwise);
    /// 409 if the article already has one in `language`.
    static func addTranslation(to article: Article, language: String, fields: Fields, agentID: Int? = nil,
                               on db: any Database) async throws -> ArticleTranslation {
        try await db.writeTransaction { db in
            if try await translation(of: article, in: language, on: db) != nil {
                throw AppError(.translationExists, "The article already has a \(language) version; update it with PUT.")
            }
            let translation = ArticleTranslation(accountID: article.accountID, articleID: try article.requireID(), language: language,
                                                 title: fields.title!, description: fields.description!)
            apply(fields.seo, to: translation)
            if let status = fields.status { translation.statusCode = status.rawValue }
            try await translation.create(on: db)
            try await ArticleRevisionService.record(article, kind: .published, language: language, title: translation.title,
                                                    description: translation.description, agentID: agentID, on: db)
            return translation
        }
    }

    /// Adds the translation in `language`, or updates it if the article has one.
    static func saveTranslation(of article: Article, language: String, fields: Fields, agentID: Int? = nil, on db: any Database) async throws {
        if try await translation(of: article, in: language, on: db) == nil {
            _ = try await addTranslation(to: article, language: language, fields: fields, agentID: agentID, on: db)
        } else {
            _ = try await update(article, language: language, fields: fields, folderID: nil, agentID: agentID, on: db)
        }
    }

    private static func apply(_ seo: (title: String?, description: String?, keywords: String?)?, to translation: ArticleTranslation) {
        guard let seo else { return }
        translation.metaTitle = seo.title
        translation.metaDescription = seo.description
        translation.metaKeywords = seo.keywords
    }

    /// Deletes the article with its translations and votes.
    static func delete(_ article: Article, on db: any Database) async throws {
        try await article.delete(on: db)
    }

    private static func listed(_ articles: [Article], on db: any Database) async throws -> [Listed] {
        let translations = try await ArticleTranslation.query(on: db).filter(\.$articleID ~~ articles.compactMap(\.id)).all()
        let byArticle = Dictionary(grouping: translations, by: \.articleID)
        return articles.map { article in
            let all = byArticle[article.id ?? 0] ?? []
            return Listed(article: article, primary: all.first { $0.language == article.primaryLanguage } ?? all.first,
                          languages: all.map(\.language).sorted())
        }
    }
}
