import Fluent

/// Categories, the top level of the knowledge base: finding and listing them, and creating, changing and deleting
/// them with the rules the JSON API and the agent portal share. Problems with the input are thrown as
/// `AppError.validation`.
enum CategoryService {
    static let maximumDescriptionLength = 2000

    /// The category with this id in the account, if any.
    static func find(_ id: Int, accountID: Int, on db: any Database) async throws -> SolutionCategory? {
        try await SolutionCategory.find(id, inAccount: accountID, on: db)
    }

    /// The account's categories in their order.
    static func all(accountID: Int, on db: any Database) async throws -> [SolutionCategory] {
        try await ordered(accountID: accountID, on: db).all()
    }

    /// One page of the account's categories in their order.
    static func page(accountID: Int, _ page: PageRequest, on db: any Database) async throws -> Page<SolutionCategory> {
        let fetched = try await ordered(accountID: accountID, on: db).offset(page.offset).limit(page.perPage + 1).all()
        return Page(fetched: fetched, request: page)
    }

    /// A new category, last in the account's order. `name` is required; `description` may be left out.
    static func create(accountID: Int, _ input: CategoryInput, on db: any Database) async throws -> SolutionCategory {
        var errors = FieldErrors()
        let name = errors.text(input.name, "name", required: true)
        let description = errors.freeText(input.description, "description", maximum: maximumDescriptionLength) ?? ""
        try errors.throwIfAny()
        let position = try await SolutionCategory.query(on: db).filter(\.$accountID == accountID).count() + 1
        let category = SolutionCategory(accountID: accountID, name: name!, description: description, position: position)
        try await category.create(on: db)
        return category
    }

    /// Changes what `input` gives and keeps the rest. With `nameRequired` (a form that always has the field) a
    /// missing name is a problem rather than "unchanged".
    static func update(_ category: SolutionCategory, _ input: CategoryInput, nameRequired: Bool = false,
                       on db: any Database) async throws {
        var errors = FieldErrors()
        let name = errors.text(input.name, "name", required: nameRequired)
        let description = errors.freeText(input.description, "description", maximum: maximumDescriptionLength)
        try errors.throwIfAny()
        if let name { category.name = name }
        if let description { category.description = description }
        try await category.save(on: db)
    }

    /// Deletes the category with its folders and their articles.
    static func delete(_ category: SolutionCategory, on db: any Database) async throws {
        try await category.delete(on: db)
    }

    private static func ordered(accountID: Int, on db: any Database) -> QueryBuilder<SolutionCategory> {
        SolutionCategory.query(on: db).filter(\.$accountID == accountID).sort(\.$position).sort(\.$id)
    }
}
