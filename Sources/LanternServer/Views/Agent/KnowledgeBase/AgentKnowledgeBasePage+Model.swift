import LanternCore

/// `/agent/kb`: every category with its folders (visibility, article count), and the new-category form.
struct AgentKnowledgeBasePage {
    struct Category {
        let id: Int
        let name: String
        let description: String
        let folders: [Folder]
    }

    struct Folder {
        let id: Int
        let name: String
        let visibility: FolderVisibility
        let articleCount: Int
    }

    var csrf: String
    var categories: [Category]
    /// The new-category form as it was sent (empty at first).
    var newName = ""
    var newDescription = ""
    var flash: String? = nil
    /// Problems with the new-category form, by field.
    var errors: [String: String] = [:]
}
