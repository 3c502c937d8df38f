

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
