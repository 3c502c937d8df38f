

/// Who sends a ticket: a contact vouched for by a widget session, or an anonymous visitor.
public enum TicketRequester: Sendable, Equatable {
    case verified(name: String, email: EmailAddress)
    case anonymous
}
