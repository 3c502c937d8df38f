import Fluent
import LanternCore
import SQLKit

/// Folders of a category and who may see them: finding and listing them, and creating, changing, moving and
/// deleting them with the rules the JSON API and the agent portal share. A selected-companies folder names its
/// companies (`FolderCompany`); every other visibility has none. Problems with the input are thrown as
/// `AppError.validation`.
enum FolderService {
    static let maximumDescriptionLength = 2000

    /// The folder with this id in the account, if any.
    static func find(_ id: Int, accountID: Int, on db: any Database) async throws -> SolutionFolder? {
        try await SolutionFolder.find(id, inAccount: accountID, on: db)
    }

    /// The folders of a category in their order.
    static func all(in categoryID: Int, on db: any Database) async throws -> [SolutionFolder] {
        try await ordered(in: categoryID, on: db).all()
    }

    /// One page of the folders of a category in their order.
    static func page(in categoryID: Int, _ page: PageRequest, on db: any Database) async throws -> Page<SolutionFolder> {
        let fetched = try await ordered(in: categoryID, on: db).offset(page.offset).limit(page.perPage + 1).all()
        return Page(fetched: fetched, request: page)
    }

    /// Every folder of the account, in their order within each category.
    static func all(accountID: Int, on db: any Database) async throws -> [SolutionFolder] {
        try await SolutionFolder.query(on: db).filter(\.$accountID == accountID).sort(\.$position).sort(\.$id).all()
    }

    /// Every folder of the account with the name of its category, by category: where an article can move to.
    static func destinations(accountID: Int, on db: any Database) async throws -> [(id: Int, category: String, folder: String)] {
        let categories = try await CategoryService.all(accountID: accountID, on: db)
        let names = Dictionary(uniqueKeysWithValues: categories.compactMap { category in category.id.map { ($0, category.name) } })
        let folders = try await SolutionFolder.query(on: db).filter(\.$accountID == accountID)
            .sort(\.$categoryID).sort(\.$position).sort(\.$id).all()
        return folders.compactMap { folder in folder.id.map { ($0, names[folder.categoryID] ?? "", folder.name) } }
    }

    /// How many articles each folder of the account holds, by folder id (folders without articles are absent).
    static func articleCounts(accountID: Int, on db: any Database) async throws -> [Int: Int] {
        let rows = try await db.sql.raw("SELECT folder_id, COUNT(*) AS n FROM articles WHERE account_id = \(bind: accountID) GROUP BY folder_id").all()
        var counts: [Int: Int] = [:]
        for row in rows { counts[try row.decode(column: "folder_id", as: Int.self)] = try row.decode(column: "n", as: Int.self) }
        return counts
    }

    /// The sorted company ids of each of these folders (folders without companies are absent).
    static func companyIDs(of folderIDs: [Int], on db: any Database) async throws -> [Int: [Int]] {
        guard !folderIDs.isEmpty else { return [:] }
        let links = try await FolderCompany.query(on: db).filter(\.$folderID ~~ folderIDs).all()
        return Dictionary(grouping: links, by: \.folderID).mapValues { $0.map(\.companyID).sorted() }
    }

    /// A new folder, last in its category, with its companies (sorted, without repeats). `name` is required;
    /// `visibility` is all users unless given; `company_ids` are required for selected companies and refused
    /// otherwise. `problems` are those the caller found reading its request; they come first.
    static func create(in category: SolutionCategory, _ input: FolderInput, problems: FieldErrors = FieldErrors(),
                       on db: any Database) async throws -> (folder: SolutionFolder, companyIDs: [Int]) {
        var errors = problems
        let name = errors.text(input.name, "name", required: true)
        let description = errors.freeText(input.description, "description", maximum: maximumDescriptionLength) ?? ""
        let visibility = visibility(input.visibility ?? FolderVisibility.allUsers.rawValue, &errors)
        let companyIDs = try await companyIDs(input.company_ids, visibility: visibility, accountID: category.accountID,
                                              required: true, on: db, &errors) ?? []
        try errors.throwIfAny()
        let categoryID = try category.requireID()
        let folder = try await db.writeTransaction { db in
            let position = try await SolutionFolder.query(on: db).filter(\.$categoryID == categoryID).count() + 1
            let folder = SolutionFolder(accountID: category.accountID, categoryID: categoryID, name: name!,
                                        description: description, visibility: visibility!, position: position)
            try await folder.create(on: db)
            try await replaceCompanies(of: folder, with: companyIDs, on: db)
            return folder
        }
        return (folder, companyIDs)
    }

    /// Changes what `input` gives and keeps the rest; `category_id` moves the folder to another category of the
    /// account. Company ids are required when the visibility changes to selected companies, and dropped when it
    /// changes to anything else. With `nameRequired` (a form that always has the field) a missing name is a
    /// problem rather than "unchanged". `problems` are those the caller found reading its request; they come first.
    static func update(_ folder: SolutionFolder, _ input: FolderInput, nameRequired: Bool = false,
                       problems: FieldErrors = FieldErrors(), on db: any Database) async throws {
        var errors = problems
        let name = errors.text(input.name, "name", required: nameRequired)
        let description = errors.freeText(input.description, "description", maximum: maximumDescriptionLength)
        let visibility = visibility(input.visibility ?? folder.visibilityCode, &errors)
        let changesVisibility = input.visibility != nil && input.visibility != folder.visibilityCode
        let companyIDs = try await companyIDs(input.company_ids, visibility: visibility, accountID: folder.accountID,
                                              required: changesVisibility, on: db, &errors)
        var categoryID: Int? = nil
        if let requested = input.category_id {
            if try await CategoryService.find(requested, accountID: folder.accountID, on: db) == nil {
                errors.add("category_id", "is not a category of this account")
            } else {
                categoryID = requested
            }
        }
        try errors.throwIfAny()
        let newCategoryID = categoryID
        try await db.writeTransaction { db in
            if let name { folder.name = name }
            if let description { folder.description = description }
            if let visibility { folder.visibilityCode = visibility.rawValue }
            if let newCategoryID { folder.categoryID = newCategoryID }
            try await folder.save(on: db)
            if visibility != .selectedCompanies {
                try await replaceCompanies(of: folder, with: [], on: db)
            } else if let companyIDs {
                try await replaceCompanies(of: folder, with: companyIDs, on: db)
            }
        }
    }

    /// Deletes the folder with its articles.
    static func delete(_ folder: SolutionFolder, on db: any Database) async throws {
        try await folder.delete(on: db)
    }

    private static func ordered(in categoryID: Int, on db: any Database) -> QueryBuilder<SolutionFolder> {
        SolutionFolder.query(on: db).filter(\.$categoryID == categoryID).sort(\.$position).sort(\.$id)
    }

    private static func visibility(_ code: Int, _ errors: inout FieldErrors) -> FolderVisibility? {
        guard let visibility = FolderVisibility(rawValue: code) else {
            errors.add("visibility", "must be 1 (all users), 2 (logged-in users), 3 (agents), 4 (selected companies) or 5 (bots)")
            return nil
        }
        return visibility
    }

    /// Checks `company_ids`: required (if `required`) and non-empty for selected companies, empty otherwise, all of
    /// this account.
    private static func companyIDs(_ ids: [Int]?, visibility: FolderVisibility?, accountID: Int, required: Bool,
                                   on db: any Database, _ errors: inout FieldErrors) async throws -> [Int]? {
        guard let visibility else { return nil }
        guard visibility == .selectedCompanies else {
            if let ids, !ids.isEmpty { errors.add("company_ids", "apply only to visibility 4 (selected companies)") }
            return nil
        }
        guard let ids else {
            if required { errors.add("company_ids", "is required when visibility is 4 (selected companies)") }
            return nil
        }
        guard !ids.isEmpty else {
            errors.add("company_ids", "must name at least one company when visibility is 4")
            return nil
        }
        return try await errors.ownedIDs(ids, of: Company.self, "company_ids", accountID: accountID, on: db)
    }

    private static func replaceCompanies(of folder: SolutionFolder, with companyIDs: [Int], on db: any Database) async throws {
        let folderID = try folder.requireID()
        try await FolderCompany.query(on: db).filter(\.$folderID == folderID).delete()
        for companyID in companyIDs {
            try await FolderCompany(accountID: folder.accountID, folderID: folderID, companyID: companyID).create(on: db)
        }
    }
}
