import Vapor

/// `/agent/kb/articles/{id}`: the primary version and one translation side by side, each with its editor, and the
/// delete form.
struct AgentArticlePage {
    /// The translation pane: one of the account's other languages.
    struct Translation {
        let language: String
        /// Whether the article has no version in `language` yet.
        let isNew: Bool
        /// The languages the pane can switch to, each with whether the article has a version in it.
        let choices: [(language: String, translated: Bool)]
        var editor: AgentArticleEditor
    }

    var csrf: String
    var id: Int
    var folderID: Int
    /// The primary version's title, `nil` if it has none.
    var primaryTitle: String?
    var primaryLanguage: String
    var thumbsUp: Int
    var thumbsDown: Int
    var primary: AgentArticleEditor
    /// `nil` when the account has no other language.
    var translation: Translation?
    var flash: String? = nil
    /// Problems with the version that was sent, by field.
    var errors: [String: String] = [:]
    /// 409 when a save was overtaken by someone else's (the editor shows the conflict).
    var status: HTTPResponseStatus = .ok
}
