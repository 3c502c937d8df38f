/// Where a ticket stands, with Freshdesk's codes.
public enum TicketStatus: Int, Sendable, CaseIterable, Codable {
    case open = 2
    case pending = 3
    case resolved = 4
    case closed = 5

    /// The label agents and customers read.
    public var label: String {
        switch self {
        case .open: "Open"
        case .pending: "Pending"
        case .resolved: "Resolved"
        case .closed: "Closed"
        }
    }
}
