import Foundation
import Vapor

/// `/api/v2/companies` resources.
struct CompanyDTO: Content {
    let id: Int
    let name: String
    let domains: [String]
    let created_at: Date?
    let updated_at: Date?

    init(_ company: Company) throws {
        id = try company.requireID()
        name = company.name
        domains = company.domains
        created_at = company.createdAt
        updated_at = company.updatedAt
    }
}
