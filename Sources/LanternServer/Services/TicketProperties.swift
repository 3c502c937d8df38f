import LanternCore

/// A new ticket's properties beside its text. The contact form's defaults: open, medium, from the feedback widget.
struct TicketProperties: Sendable {
    var status: TicketStatus = .open
    var priority: TicketPriority = .medium
    var type: String? = nil
    var source: TicketSource = .feedbackWidget
    var responderID: Int? = nil
    var tags: [String] = []
    var customFields: [String: CustomFieldValue] = [:]

    func apply(to ticket: Ticket) {
        ticket.status = status.rawValue
        ticket.priority = priority.rawValue
        ticket.type = type
        ticket.source = source.rawValue
        ticket.responderID = responderID
        ticket.tags = tags
        ticket.customFields = customFields
    }
}
