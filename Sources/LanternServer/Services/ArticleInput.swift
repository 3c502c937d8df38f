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
    /// The author: an agent of the account (on create, the API key's agent unless given).
    var agent_id: Int? = nil
    /// 1 permanent, 2 workaround.
    var type: Int? = nil
    /// The translation's `meta_title`, `meta_description`, `meta_keywords`; an empty text removes one.
    var seo_data: SEOData? = nil

    struct SEOData: Decodable, Sendable {
        let meta_title: String?
        let meta_description: String?
        let meta_keywords: String?
    }
}
