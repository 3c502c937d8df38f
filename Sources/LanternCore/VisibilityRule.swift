

/// The one rule that decides whether a viewer may see a folder's articles.
public enum VisibilityRule {
    /// Whether `viewer` may see a folder with `visibility`, restricted to `folderCompanyIDs` when selected companies.
    public static func canSee(
        _ visibility: FolderVisibility,
        folderCompanyIDs: Set<Int>,
        viewer: Viewer
    ) -> Bool {
        switch (viewer, visibility) {
        case (.agent, _):
            return true
        case (_, .allUsers):
            return true
        case (.bot, .bots):
            return true
        case (.contact, .loggedInUsers):
            return true
        case (.contact(let companyIDs), .selectedCompanies):
            return !companyIDs.isDisjoint(with: folderCompanyIDs)
        default:
            return false
        }
    }

    /// The visibility kinds a viewer may see whatever the folder's company list (for a contact, selected-companies
    /// folders depend on the list and are not included).
    public static func openKinds(for viewer: Viewer) -> Set<FolderVisibility> {
        Set(FolderVisibility.allCases.filter { kind in canSee(kind, folderCompanyIDs: [], viewer: viewer) })
    }
}
