/// `/agent/kb/folders/{id}/articles/new`: the editor of a new article, with its language.
struct AgentNewArticlePage {
    var folderID: Int
    var folderName: String
    var editor: AgentArticleEditor
    /// Problems with the article that was sent, by field.
    var errors: [String: String] = [:]
}
