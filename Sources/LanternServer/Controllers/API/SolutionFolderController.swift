import Fluent
import LanternCore
import Vapor

/// `/api/v2/solutions/categories/{id}/folders` and `/api/v2/solutions/folders/{id}`: folders and who may see them.
struct SolutionFolderController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let solutions = routes.grouped("solutions")
        solutions.post("categories", ":id", "folders", use: create)
        solutions.get("categories", ":id", "folders", use: list)
        solutions.get("folders", ":id", use: show)
        solutions.put("folders", ":id", use: update)
        solutions.delete("folders", ":id", use: delete)
    }

    @Sendable
    func create(request: Request) async throws -> Response {
        let caller = try request.requireAgent()
        guard let category = try await SolutionCategory.find(try request.id(notFound: .categoryNotFound),
                                                             inAccount: caller.accountID, on: request.db)
        else { throw APIError.categoryNotFound }
        let input = try request.decodeBody(FolderInput.self)
        var errors = FieldErrors()
        let name = errors.text(input.name, "name", required: true)
        let description = errors.freeText(input.description, "description", maximum: 2000) ?? ""
        let visibility = Self.visibility(input.visibility ?? FolderVisibility.allUsers.rawValue, &errors)
        let companyIDs = try await Self.companyIDs(input.company_ids, visibility: visibility, accountID: caller.accountID,
                                                   required: true, on: request.db, &errors)
        try errors.throwIfAny()
        let categoryID = try category.requireID()
        let folder = try await request.db.writeTransaction { db in
            let position = try await SolutionFolder.query(on: db).filter(\.$categoryID == categoryID).count() + 1
            let folder = SolutionFolder(accountID: caller.accountID, categoryID: categoryID, name: name!,
                                        description: description, visibility: visibility!, position: position)
            try await folder.create(on: db)
            try await Self.replaceCompanies(of: folder, with: companyIDs ?? [], on: db)
            return folder
        }
        return try created(FolderDTO(folder, companyIDs: companyIDs ?? []))
    }

    @Sendable
    func list(request: Request) async throws -> Response {
        let caller = try request.requireAgent()
        guard let category = try await SolutionCategory.find(try request.id(notFound: .categoryNotFound),
                                                             inAccount: caller.accountID, on: request.db)
        else { throw APIError.categoryNotFound }
        let page = try PageRequest(from: request)
        let folders = try await SolutionFolder.query(on: request.db).filter(\.$categoryID == category.requireID())
            .sort(\.$position).sort(\.$id).offset(page.offset).limit(page.perPage + 1).all()
        let companies = try await Self.companyIDs(of: folders.compactMap(\.id), on: request.db)
        return try Page(fetched: folders, request: page)
            .map { try FolderDTO($0, companyIDs: companies[$0.requireID()] ?? []) }
            .response(for: request, pageRequest: page)
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let folder = try await folder(request)
        return try ok(FolderDTO(folder, companyIDs: try await Self.companyIDs(of: [folder.requireID()], on: request.db)[folder.requireID()] ?? []))
    }

    @Sendable
    func update(request: Request) async throws -> Response {
        let caller = try request.requireAgent()
        let folder = try await folder(request)
        let input = try request.decodeBody(FolderInput.self)
        var errors = FieldErrors()
        let name = errors.text(input.name, "name", required: false)
        let description = errors.freeText(input.description, "description", maximum: 2000)
        let visibility = Self.visibility(input.visibility ?? folder.visibilityCode, &errors)
        let changesVisibility = input.visibility != nil && input.visibility != folder.visibilityCode
        let companyIDs = try await Self.companyIDs(input.company_ids, visibility: visibility, accountID: caller.accountID,
                                                   required: changesVisibility, on: request.db, &errors)
        var categoryID: Int? = nil
        if let requested = input.category_id {
            if try await SolutionCategory.find(requested, inAccount: caller.accountID, on: request.db) == nil {
                errors.add("category_id", "is not a category of this account")
            } else {
                categoryID = requested
            }
        }
        try errors.throwIfAny()
        let newCategoryID = categoryID
        try await request.db.writeTransaction { db in
            if let name { folder.name = name }
            if let description { folder.description = description }
            if let visibility { folder.visibilityCode = visibility.rawValue }
            if let newCategoryID { folder.categoryID = newCategoryID }
            try await folder.save(on: db)
            if visibility != .selectedCompanies {
                try await Self.replaceCompanies(of: folder, with: [], on: db)
            } else if let companyIDs {
                try await Self.replaceCompanies(of: folder, with: companyIDs, on: db)
            }
        }
        let stored = try await Self.companyIDs(of: [folder.requireID()], on: request.db)[folder.requireID()] ?? []
        return try ok(FolderDTO(folder, companyIDs: stored))
    }

    @Sendable
    func delete(request: Request) async throws -> HTTPStatus {
        try await folder(request).delete(on: request.db)
        return .noContent
    }

    private func folder(_ request: Request) async throws -> SolutionFolder {
        let caller = try request.requireAgent()
        guard let folder = try await SolutionFolder.find(try request.id(notFound: .folderNotFound),
                                                         inAccount: caller.accountID, on: request.db)
        else { throw APIError.folderNotFound }
        return folder
    }

    static func visibility(_ code: Int, _ errors: inout FieldErrors) -> FolderVisibility? {
        guard let visibility = FolderVisibility(rawValue: code) else {
            errors.add("visibility", "must be 1 (all users), 2 (logged-in users), 3 (agents), 4 (selected companies) or 5 (bots)")
            return nil
        }
        return visibility
    }

    /// Checks `company_ids`: required and non-empty for selected companies, empty otherwise, all of this account.
    static func companyIDs(_ ids: [Int]?, visibility: FolderVisibility?, accountID: Int, required: Bool,
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

    static func replaceCompanies(of folder: SolutionFolder, with companyIDs: [Int], on db: any Database) async throws {
        let folderID = try folder.requireID()
        try await FolderCompany.query(on: db).filter(\.$folderID == folderID).delete()
        for companyID in companyIDs {
            try await FolderCompany(accountID: folder.accountID, folderID: folderID, companyID: companyID).create(on: db)
        }
    }

    static func companyIDs(of folderIDs: [Int], on db: any Database) async throws -> [Int: [Int]] {
        guard !folderIDs.isEmpty else { return [:] }
        let links = try await FolderCompany.query(on: db).filter(\.$folderID ~~ folderIDs).all()
        return Dictionary(grouping: links, by: \.folderID).mapValues { $0.map(\.companyID).sorted() }
    }
}
