/// What a company is created or changed with: the JSON API's body, and what the portal's form fills in. `nil`
/// means "not given" (on create: no domains).
struct CompanyInput: Decodable, Sendable {
    let name: String?
    let domains: [String]?
}
