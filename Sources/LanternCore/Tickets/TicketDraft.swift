/// What a contact-form submission carries, before validation. Every field is optional here: which ones are
/// required depends on whether the requester is signed in.
public struct TicketDraft: Sendable, Equatable {
    public var name: String?
    public var email: String?
    public var subject: String?
    public var description: String?
    /// The honeypot: a field people never see and bots fill in.
    public var honeypot: String?

    public init(name: String? = nil, email: String? = nil, subject: String? = nil, description: String? = nil,
                honeypot: String? = nil) {
        self.name = name
        self.email = email
        self.subject = subject
        self.description = description
        self.honeypot = honeypot
    }
}
