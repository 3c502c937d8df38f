import Fluent

/// Categories' and folders' translations: their name and description in the account's other languages. Readers
/// (the widget, `/support`) show the served language's, else the primary one (`KnowledgeBaseReader.tree`).
enum ContainerTranslationService {
    /// A category or a folder, by id.
    enum Container: Sendable {
        case category(Int)
        case folder(Int)

        var noun: String {
            switch self {
            case .category: "category"
            case .folder: "folder"
            }
        }
    }

    /// The translation into `language`, or nil.
    static func find(_ container: Container, language: String, on db: any Database) async throws -> ContainerTranslation? {
        try await query(container, on: db).filter(\.$language == language).first()
    }

    /// Adds a translation, or throws 422 (`name` required; `language` one of the account's, not its default) or
    /// 409 `translation_exists`.
    static func create(_ container: Container, accountID: Int, language: String, _ input: CategoryInput,
                       account: Account, on db: any Database) async throws -> ContainerTranslation {
        var errors = FieldErrors()
        check(language, account: account, &errors)
        let name = errors.text(input.name, "name", required: true)
        let description = errors.freeText(input.description, "description", maximum: CategoryService.maximumDescriptionLength) ?? ""
        try errors.throwIfAny()
        if try await find(container, language: language, on: db) != nil { throw exists(container, language) }
        let translation = ContainerTranslation(accountID: accountID, container: container, language: language,
                                               name: name!, description: description)
        do {
            try await translation.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw exists(container, language)
        }
        return translation
    }

    /// Changes what `input` gives, or throws 404 `translation_not_found` / 422.
    static func update(_ container: Container, language: String, _ input: CategoryInput, account: Account,
                       on db: any Database) async throws -> ContainerTranslation {
        var errors = FieldErrors()
        check(language, account: account, &errors)
        let name = errors.text(input.name, "name", required: false)
        let description = errors.freeText(input.description, "description", maximum: CategoryService.maximumDescriptionLength)
        try errors.throwIfAny()
        guard let translation = try await find(container, language: language, on: db) else { throw AppError.containerTranslationNotFound }
        if let name { translation.name = name }
        if let description { translation.description = description }
        try await translation.save(on: db)
        return translation
    }

    private static func query(_ container: Container, on db: any Database) -> QueryBuilder<ContainerTranslation> {
        switch container {
        case .category(let id): ContainerTranslation.query(on: db).filter(\.$categoryID == id)
        case .folder(let id): ContainerTranslation.query(on: db).filter(\.$folderID == id)
        }
    }

    private static func check(_ language: String, account: Account, _ errors: inout FieldErrors) {
        if language == account.defaultLanguage {
            errors.add("language", "is the account's default language: change the name and description themselves")
        } else if !account.supportedLanguages.contains(language) {
            errors.add("language", "must be one of the account's languages (\(account.supportedLanguages.joined(separator: ", ")))")
        }
    }

    private static func exists(_ container: Container, _ language: String) -> AppError {
        AppError(.translationExists, "The \(container.noun) already has a \(language) version; update it with PUT.")
    }
}
