/// Where a ticket came from, with Freshdesk's codes.
public enum TicketSource: Int, Sendable, CaseIterable, Codable {
    case email = 1
    case portal = 2
    case phone = 3
    case chat = 7
    /// The widget's contact form.
    case feedbackWidget = 9
    case outbound = 10

    public var label: String {
        switch self {
        case .email: "Email"
        case .portal: "Portal"
        case .phone: "Phone"
        case .chat: "Chat"
        case .feedbackWidget: "Feedback widget"
        case .outbound: "Outbound email"
        }
    }
}
