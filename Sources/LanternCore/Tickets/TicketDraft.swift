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

/// Who sends a ticket: a contact vouched for by a widget session, or an anonymous visitor.
public enum TicketRequester: Sendable, Equatable {
    case verified(name: String, email: EmailAddress)
    case anonymous
}

/// A ticket's validated content, ready to store. Text is stored as text: markup in it is never rendered.
public struct TicketSubmission: Sendable, Equatable {
    public let name: String
    public let email: EmailAddress
    public let subject: String
    public let description: String
    public let verified: Bool
}

/// The contact form's validation rules.
public enum TicketRules {
    /// The honeypot field's name in the form and in JSON.
    public static let honeypotField = "website"
    public static let maximumSubjectLength = 255
    public static let maximumNameLength = 255
    /// The description's limit in UTF-8 bytes (64 KiB).
    public static let maximumDescriptionBytes = 64 * 1024

    /// Validates `draft` for `requester`. A verified requester's name and email come from the session, whatever
    /// the draft says. Returns the submission, or the problems by field name.
    public static func validate(_ draft: TicketDraft, from requester: TicketRequester) -> Result<TicketSubmission, FieldProblems> {
        var problems = FieldProblems()
        if let honeypot = draft.honeypot, !honeypot.isEmpty {
            problems.add(honeypotField, "must be left empty")
        }
        let subject = problems.text(draft.subject, "subject") { value in
            value.count > maximumSubjectLength ? "must be at most \(maximumSubjectLength) characters" : nil
        }
        let description = problems.text(draft.description, "description") { value in
            value.utf8.count > maximumDescriptionBytes ? "must be at most 64 KiB" : nil
        }
        let name: String?
        let email: EmailAddress?
        let verified: Bool
        switch requester {
        case .verified(let verifiedName, let verifiedEmail):
            name = verifiedName
            email = verifiedEmail
            verified = true
        case .anonymous:
            name = problems.text(draft.name, "name") { value in
                value.count > maximumNameLength ? "must be at most \(maximumNameLength) characters" : nil
            }
            email = problems.text(draft.email, "email") { EmailAddress($0) == nil ? "must be a valid email address" : nil }
                .flatMap(EmailAddress.init)
            verified = false
        }
        guard problems.isEmpty, let name, let email, let subject, let description else { return .failure(problems) }
        return .success(TicketSubmission(name: name, email: email, subject: subject, description: description,
                                         verified: verified))
    }
}

/// Validation problems, one message per field.
public struct FieldProblems: Error, Sendable, Equatable {
    public private(set) var messages: [String: String] = [:]

    public init() {}

    public var isEmpty: Bool { messages.isEmpty }

    public mutating func add(_ field: String, _ message: String) {
        if messages[field] == nil { messages[field] = message }
    }

    /// A required text: trimmed, not blank, free of control characters other than tab and line breaks, then
    /// checked by `check` (which returns a problem or `nil`).
    mutating func text(_ value: String?, _ field: String, _ check: (String) -> String?) -> String? {
        guard let value else {
            add(field, "is required")
            return nil
        }
        let trimmed = value.trimmedOfWhitespace
        guard !trimmed.isEmpty else {
            add(field, "must not be blank")
            return nil
        }
        if trimmed.unicodeScalars.contains(where: Self.isForbiddenControl) {
            add(field, "must not contain control characters")
            return nil
        }
        if let problem = check(trimmed) {
            add(field, problem)
            return nil
        }
        return trimmed
    }

    private static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || scalar.value == 0x7F
    }
}
