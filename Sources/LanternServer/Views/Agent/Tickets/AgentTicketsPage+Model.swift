import Foundation
import LanternCore

/// `/agent/tickets`: the account's tickets, latest activity first, filtered by status, priority, assignee, requester
/// identity, widget and e-mail, with how many tickets each status holds under the other filters.
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
        let status: TicketStatus
        let priority: TicketPriority
        /// The assigned agent's name; nil when nobody is assigned.
        let assigneeName: String?
        let updatedAt: Date?

        /// An open ticket nobody has taken yet: the list marks it.
        var awaitsAssignee: Bool { assigneeName == nil && status == .open }
    }

    /// A widget of the filter.
    struct WidgetOption: Sendable {
        let id: Int
        let name: String
    }

    /// The filters as applied, each empty for "any": `status` and `priority` codes, `assignee` (`me`,
    /// `unassigned`), `verified` (`yes`, `no`), `widget` (an id) and `email`.
    struct Filters: Sendable, Equatable {
        var status = ""
        var priority = ""
        var assignee = ""
        var verified = ""
        var widget = ""
        var email = ""

        /// The list's address with these filters (empty ones left out) and `extra` parameters.
        func url(_ extra: [(String, String)] = []) -> String {
            let pairs = [("status", status), ("priority", priority), ("assignee", assignee), ("verified", verified),
                         ("widget", widget), ("email", email)] + extra
            let query = pairs.filter { !$0.1.isEmpty }.map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&")
            return query.isEmpty ? "/agent/tickets" : "/agent/tickets?" + query
        }

        private static func encode(_ value: String) -> String {
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
        }
    }

    let filters: Filters
    /// Tickets per status under the other filters.
    let counts: [TicketStatus: Int]
    let widgets: [WidgetOption]
    let rows: [Row]
    let page: Int
    let hasMore: Bool
}
