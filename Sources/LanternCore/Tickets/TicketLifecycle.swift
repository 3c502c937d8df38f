/// How a ticket's status follows its conversation.
public enum TicketLifecycle {
    /// What a customer's reply does to a ticket in `status`.
    public enum CustomerReplyOutcome: Sendable, Equatable {
        /// The reply joins the ticket, which is now in this status.
        case join(TicketStatus)
        /// The ticket is closed: the reply starts a new ticket that links to it.
        case newTicket
    }

    /// An agent's public reply moves an open ticket to pending; other statuses stay as they are.
    public static func statusAfterAgentReply(_ status: TicketStatus) -> TicketStatus {
        status == .open ? .pending : status
    }

    /// A customer's reply reopens a pending or resolved ticket; a closed one is reopened only by an agent.
    public static func customerReply(to status: TicketStatus) -> CustomerReplyOutcome {
        switch status {
        case .open: .join(.open)
        case .pending, .resolved: .join(.open)
        case .closed: .newTicket
        }
    }

    /// A customer may mark their own ticket solved unless it is already resolved or closed.
    public static func customerCanResolve(_ status: TicketStatus) -> Bool {
        status == .open || status == .pending
    }
}
