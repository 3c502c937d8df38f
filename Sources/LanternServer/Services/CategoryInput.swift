/// What a category is created or changed with: the JSON API's body, and what the portal's form fills in. `nil`
/// means "not given".
struct CategoryInput: Decodable, Sendable {
    let name: String?
    let description: String?
}
