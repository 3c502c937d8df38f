/// A Freshdesk solution folder's `visibility` code, and the Lantern visibility the importer gives the folder.
/// Freshdesk's contact-segment and company-segment folders have no Lantern equivalent: they become agents-only, so
/// that nothing is shown to more people than before.
public enum FreshdeskVisibility: Int, Sendable, CaseIterable {
    case allUsers = 1
    case loggedInUsers = 2
    case agents = 3
    case selectedCompanies = 4
    case bots = 5
    case contactSegments = 6
    case companySegments = 7

    /// The Lantern visibility of an imported folder: the same where Lantern has it, agents-only otherwise.
    public var lantern: FolderVisibility {
        switch self {
        case .allUsers: .allUsers
        case .loggedInUsers: .loggedInUsers
        case .agents: .agents
        case .selectedCompanies: .selectedCompanies
        case .bots: .bots
        case .contactSegments, .companySegments: .agents
        }
    }

    /// Whether the folder is narrowed to agents because Lantern cannot show it to the same people.
    public var narrowedToAgents: Bool { lantern == .agents && self != .agents }

    /// Freshdesk's name for the visibility, as the import report writes it.
    public var label: String {
        switch self {
        case .allUsers: "all users"
        case .loggedInUsers: "logged-in users"
        case .agents: "agents"
        case .selectedCompanies: "selected companies"
        case .bots: "bots"
        case .contactSegments: "selected contact segments"
        case .companySegments: "selected company segments"
        }
    }
}
