

/// A ticket's validated content, ready to store. Text is stored as text: markup in it is never rendered.
public struct TicketSubmission: Sendable, Equatable {
    public let name: String
    public let email: EmailAddress
    public let subject: String
    public let description: String
    public let verified: Bool

    public init(name: String, email: EmailAddress, subject: String, description: String, verified: Bool) {
        self.name = name
        self.email = email
        self.subject = subject
        self.description = description
        self.verified = verified
    }
}
