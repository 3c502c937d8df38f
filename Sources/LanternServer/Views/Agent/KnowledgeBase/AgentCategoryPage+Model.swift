import LanternCore

/// `/agent/kb/categories/{id}`: the category's folders, the new-folder form, and the category's own edit and
/// delete forms.
struct AgentCategoryPage {
    struct Folder {
        let id: Int
        let name: String
        let visibility: FolderVisibility
    }

    var csrf: String
    var id: Int
    /// The stored name and description (the edit form shows them, also after a refused change).
    var name: String
    var description: String
    var folders: [Folder]
    var newFolder: AgentFolderFields
    var flash: String? = nil
    /// Problems with the form that was sent, by field.
    var errors: [String: String] = [:]
}
