/// What an article or one of its translations is created or changed with: the JSON API's body, and what the
/// portal's editor fills in. `nil` means "not given"; `description` is HTML (sanitised by `ArticleStore`) and
/// `status` an `Article.Status` code.
struct ArticleInput: Decodable, Sendable {
    let title: String?
    let description: String?
    let status: Int?
    let tags: [String]?
    let folder_id: Int?
    let language: String?
}
