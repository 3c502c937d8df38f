/// How urgent a ticket is, with Freshdesk's codes.
public enum TicketPriority: Int, Sendable, CaseIterable, Codable {
    case low = 1
    case medium = 2
    case high = 3
    case urgent = 4

    public var label: String {
        switch self {
        case .low: "Low"
        case .medium: "Medium"
        case .high: "High"
        case .urgent: "Urgent"
        }
    }
}
