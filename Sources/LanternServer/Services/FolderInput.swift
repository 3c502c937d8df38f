/// What a folder is created or changed with: the JSON API's body, and what the portal's form fills in. `nil`
/// means "not given"; `visibility` is a `FolderVisibility` code and `company_ids` the companies of a
/// selected-companies folder.
struct FolderInput: Decodable, Sendable {
    let name: String?
    let description: String?
    let visibility: Int?
    let company_ids: [Int]?
    let category_id: Int?
}
