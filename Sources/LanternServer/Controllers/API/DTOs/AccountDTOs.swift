import Fluent
import Foundation
import LanternCore
import Vapor

/// A JSON body field that may be absent (leave it as it is), `null` (clear it) or a value.
enum NullableField<Value: Decodable & Sendable>: Sendable {
    case absent
    case null
    case value(Value)
}

extension KeyedDecodingContainer {
    func decodeNullable<Value: Decodable & Sendable>(_ type: Value.Type, forKey key: Key) throws -> NullableField<Value> {
        guard contains(key) else { return .absent }
        if try decodeNil(forKey: key) { return .null }
        return .value(try decode(Value.self, forKey: key))
    }
}

/// Runs `work`, answering a unique-constraint failure (a concurrent request took the same value first) as the
/// same 422 the up-front check gives.
func answeringDuplicate<T>(_ field: String, _ work: () async throws -> T) async throws -> T {
    do {
        return try await work()
    } catch let error as any DatabaseError where error.isConstraintFailure {
        throw APIError.validation([field: "is already taken"])
    }
}

// MARK: - Companies

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

struct CompanyInput: Decodable {
    let name: String?
    let domains: [String]?
}

// MARK: - Contacts

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

/// A contact body; `language` tells absent (unchanged) from `null` (cleared).
struct ContactInput: Decodable {
    let name: String?
    let email: String?
    let language: NullableField<String>
    let company_ids: [Int]?

    enum CodingKeys: String, CodingKey {
        case name, email, language, company_ids
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        email = try container.decodeIfPresent(String.self, forKey: .email)
        language = try container.decodeNullable(String.self, forKey: .language)
        company_ids = try container.decodeIfPresent([Int].self, forKey: .company_ids)
    }
}

// MARK: - Widgets

/// `/api/v2/widgets` resources; `default_language` is always present (`null`: the account's default language).
struct WidgetDTO: Content {
    struct ContactForm: Content {
        let enabled: Bool
        let logged_in_only: Bool
    }

    let id: Int
    let name: String
    let category_ids: [Int]
    let default_language: String?
    let contact_form: ContactForm
    let allowed_origins: [String]
    let created_at: Date?
    let updated_at: Date?

    enum CodingKeys: String, CodingKey {
        case id, name, category_ids, default_language, contact_form, allowed_origins, created_at, updated_at
    }

    init(_ widget: Widget, categoryIDs: [Int]) throws {
        id = try widget.requireID()
        name = widget.name
        category_ids = categoryIDs
        default_language = widget.defaultLanguage
        contact_form = ContactForm(enabled: widget.contactFormEnabled, logged_in_only: widget.contactFormLoggedInOnly)
        allowed_origins = widget.allowedOrigins
        created_at = widget.createdAt
        updated_at = widget.updatedAt
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(category_ids, forKey: .category_ids)
        try container.encode(default_language, forKey: .default_language)
        try container.encode(contact_form, forKey: .contact_form)
        try container.encode(allowed_origins, forKey: .allowed_origins)
        try container.encode(created_at, forKey: .created_at)
        try container.encode(updated_at, forKey: .updated_at)
    }
}

/// A widget body; `default_language` tells absent (unchanged) from `null` (use the account's default).
struct WidgetInput: Decodable {
    struct ContactForm: Decodable {
        let enabled: Bool?
        let logged_in_only: Bool?
    }

    let name: String?
    let category_ids: [Int]?
    let default_language: NullableField<String>
    let contact_form: ContactForm?
    let allowed_origins: [String]?

    enum CodingKeys: String, CodingKey {
        case name, category_ids, default_language, contact_form, allowed_origins
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        category_ids = try container.decodeIfPresent([Int].self, forKey: .category_ids)
        default_language = try container.decodeNullable(String.self, forKey: .default_language)
        contact_form = try container.decodeIfPresent(ContactForm.self, forKey: .contact_form)
        allowed_origins = try container.decodeIfPresent([String].self, forKey: .allowed_origins)
    }
}
