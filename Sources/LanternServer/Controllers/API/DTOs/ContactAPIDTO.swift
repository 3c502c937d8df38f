import Foundation
import Vapor

/// `/api/v2/contacts` resources; `language` is always present (`null` when the contact has not chosen one).
struct ContactAPIDTO: Content {
    let id: Int
    let name: String
    let email: String
    let language: String?
    let company_ids: [Int]
    let created_at: Date?
    let updated_at: Date?

    enum CodingKeys: String, CodingKey {
        case id, name, email, language, company_ids, created_at, updated_at
    }

    init(_ contact: Contact, companyIDs: [Int]) throws {
        id = try contact.requireID()
        name = contact.name
        email = contact.email
        language = contact.language
        company_ids = companyIDs
        created_at = contact.createdAt
        updated_at = contact.updatedAt
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(email, forKey: .email)
        try container.encode(language, forKey: .language)
        try container.encode(company_ids, forKey: .company_ids)
        try container.encode(created_at, forKey: .created_at)
        try container.encode(updated_at, forKey: .updated_at)
    }
}
