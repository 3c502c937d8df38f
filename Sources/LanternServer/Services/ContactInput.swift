/// What a contact is created or changed with: the JSON API's body, and what the portal's form fills in. `nil`
/// means "not given"; `language` tells absent (unchanged) from `null` (cleared); `company_ids` replaces the
/// memberships.
struct ContactInput: Decodable, Sendable {
    let name: String?
    let email: String?
    let language: NullableField<String>
    let company_ids: [Int]?

    enum CodingKeys: String, CodingKey {
        case name, email, language, company_ids
    }

    init(name: String?, email: String?, language: NullableField<String>, company_ids: [Int]?) {
        self.name = name
        self.email = email
        self.language = language
        self.company_ids = company_ids
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        email = try container.decodeIfPresent(String.self, forKey: .email)
        language = try container.decodeNullable(String.self, forKey: .language)
        company_ids = try container.decodeIfPresent([Int].self, forKey: .company_ids)
    }
}
