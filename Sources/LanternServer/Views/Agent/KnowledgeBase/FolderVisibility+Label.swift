import LanternCore

extension FolderVisibility {
    /// The name agents see for the visibility, on the folder form and as a folder's badge.
    var label: String {
        switch self {
        case .allUsers: "All users"
        case .loggedInUsers: "Logged-in users"
        case .agents: "Agents only"
        case .selectedCompanies: "Selected companies"
        case .bots: "Bots"
        }
    }
}
