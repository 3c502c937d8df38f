import Foundation
import LanternCore

/// `/support/tickets/:id`: one of the customer's tickets with its public conversation (never a private note), a
/// reply form with files, and "This is solved" while the ticket is open or pending. After a refused reply the form
/// comes back with what was typed and the problem.
struct SupportTicketPage: Sendable {
    /// One public entry after the description.
    struct Entry: Sendable {
        let id: Int
        /// Whether the customer wrote it (else an agent did).
        let fromCustomer: Bool
        let authorName: String
        /// Sanitised HTML.
        let body: String
        let createdAt: Date?
        let attachments: [TicketFileList.File]
    }

    let frame: SupportFrame
    let id: Int
    let subject: String
    let status: TicketStatus
    let requesterName: String
    let createdAt: Date?
    let updatedAt: Date?
    /// The closed ticket this one follows up.
    let linkedTicketID: Int?
    /// The description as sanitised HTML, when it was written as HTML; otherwise `description` is shown as text.
    let descriptionHTML: String?
    let description: String
    let attachments: [TicketFileList.File]
    let entries: [Entry]
    var reply = ""
    var flash: String? = nil
    var error: String? = nil

    /// Whether the customer may mark it solved.
    var canResolve: Bool { TicketLifecycle.customerCanResolve(status) }
}
