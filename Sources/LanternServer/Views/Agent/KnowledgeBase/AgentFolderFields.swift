import LanternCore

/// The fields of the agent portal's folder form (new folder on the category page, settings on the folder page):
/// name, description, the visibility radios, the companies of a selected-companies folder and, when `categories`
/// are given, a picker to move the folder to another category.
struct AgentFolderFields {
    var name = ""
    var description = ""
    /// The `FolderVisibility` code to show as chosen.
    var visibility = FolderVisibility.allUsers.rawValue
    var selectedCompanyIDs: Set<Int> = []
    var companies: [(id: Int, name: String)] = []
    var categories: [(id: Int, name: String)] = []
    var categoryID: Int? = nil

    var html: HTML {
        let categoryPicker: HTML = categories.isEmpty ? .empty : PortalLayout.select(
            "Category (move the folder)", name: "category_id",
            options: categories.map { (String($0.id), $0.name) }, selected: categoryID.map(String.init))
        let companyPicker: HTML = companies.isEmpty
            ? "<p class=\"muted\">No companies yet: <a href=\"/agent/companies\">add one</a> to limit a folder to it.</p>"
            : companies.html { PortalLayout.checkbox($0.name, name: "company_ids", value: String($0.id), checked: selectedCompanyIDs.contains($0.id)) }
        return """
            \(PortalLayout.field("Name", name: "name", value: name, required: true, id: "folder-name"))
            \(PortalLayout.field("Description", name: "description", value: description, id: "folder-description"))
            \(categoryPicker)
            <fieldset><legend>Who can see the articles</legend>
            \(FolderVisibility.allCases.html { kind in
                "<div class=\"check\"><input type=\"radio\" name=\"visibility\" id=\"vis-\(kind.rawValue)\" value=\"\(kind.rawValue)\"\(kind.rawValue == visibility ? " checked" : "")><label for=\"vis-\(kind.rawValue)\">\(kind.label)</label></div>"
            })
            </fieldset>
            <fieldset><legend>Companies (for “Selected companies”)</legend>\(companyPicker)</fieldset>
            """
    }
}
