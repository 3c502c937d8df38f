/// Who may see the articles of a solution folder. Raw values are the API's `visibility` codes.
public enum FolderVisibility: Int, Sendable, CaseIterable, Codable {
    case allUsers = 1
    case loggedInUsers = 2
    case agents = 3
    case selectedCompanies = 4
    case bots = 5
}
