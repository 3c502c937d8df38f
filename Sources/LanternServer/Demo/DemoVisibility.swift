

/// Who may see a demo folder; raw values match the folder visibility codes of the data model.
enum DemoVisibility: Int, Sendable {
    case allUsers = 1, loggedInUsers = 2, agents = 3, selectedCompanies = 4, bots = 5
}
