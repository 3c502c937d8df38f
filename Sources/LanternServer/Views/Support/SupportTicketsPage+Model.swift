import Foundation
import LanternCore

/// `/support/tickets`: the signed-in customer's tickets, latest activity first.
struct SupportTicketsPage: Sendable {
    struct Row: Sendable {
        let id: Int
        let subject: String
        let status: TicketStatus
        let updatedAt: Date?
    }

    let frame: SupportFrame
    let rows: [Row]
    let page: Int
    let hasMore: Bool
}
