/// What a ticket webhook delivery reports, sent as `X-Lantern-Event`.
enum WebhookEvent: String, Sendable {
    case ticketCreated = "ticket.created"
    /// Status, priority, assignee or type changed.
    case ticketUpdated = "ticket.updated"
    /// A public reply by an agent or a reply by the customer (never a private note).
    case ticketReplied = "ticket.replied"
}
