import LanternCore

/// `/agent/kb/folders/{id}`: the folder's articles (title, status, languages, feedback), and its settings and
/// delete forms.
struct AgentFolderPage {
    struct Article {
        let id: Int
        /// The primary version's title; `nil` if the article has no translation.
        let title: String?
        let published: Bool
        let languages: [String]
        let thumbsUp: Int
        let thumbsDown: Int
    }

    var csrf: String
    var id: Int
    /// The stored name and visibility (the heading and badge show them, also after a refused change).
    var name: String
    var visibility: FolderVisibility
    var categoryID: Int
    /// `nil` if the category is not found.
    var categoryName: String?
    var articles: [Article]
    var settings: AgentFolderFields
    var flash: String? = nil
    /// Problems with the settings form that was sent, by field.
    var errors: [String: String] = [:]
}
