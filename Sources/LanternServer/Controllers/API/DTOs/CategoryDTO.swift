import Foundation
import Vapor

/// `/api/v2/solutions/categories` resources.
struct CategoryDTO: Content {
    let id: Int
    let name: String
    let description: String
    let created_at: Date?
    let updated_at: Date?

    init(_ category: SolutionCategory) throws {
        id = try category.requireID()
        name = category.name
        description = category.description
        created_at = category.createdAt
        updated_at = category.updatedAt
    }
}
