import Foundation

/// `/agent/tickets`: the account's tickets, newest first, filtered by requester identity, widget and e-mail.
struct AgentTicketsPage: Sendable {
    /// One ticket of the list.
    struct Row: Sendable {
        let id: Int
        let subject: String
        let attachmentCount: Int
        let name: String
        let email: String
        let verified: Bool
        let widgetName: String?
        let createdAt: Date?
    }

    /// A widget of the filter.
    struct WidgetOption: Sendable {
        let id: Int
        let name: String
    }

    /// The `verified` filter as sent: `yes`, `no` or anything else (any).
    let verified: String
    let widgetID: Int?
    let email: String
    let widgets: [WidgetOption]
    let rows: [Row]
    let page: Int
    let hasMore: Bool
}
