import Foundation
import Vapor

/// `/api/v2/solutions/folders` resources; `company_ids` lists the companies of a selected-companies folder.
struct FolderDTO: Content {
    let id: Int
    let category_id: Int
    let name: String
    let description: String
    let visibility: Int
    let company_ids: [Int]
    let created_at: Date?
    let updated_at: Date?

    init(_ folder: SolutionFolder, companyIDs: [Int]) throws {
        id = try folder.requireID()
        category_id = folder.categoryID
        name = folder.name
        description = folder.description
        visibility = folder.visibilityCode
        company_ids = companyIDs
        created_at = folder.createdAt
        updated_at = folder.updatedAt
    }
}
