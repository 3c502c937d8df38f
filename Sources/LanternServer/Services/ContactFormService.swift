import Fluent
import LanternCore

/// A ticket sent by a customer through a widget's contact form: from the widget's frame or from `/support`'s
/// new-ticket page. The widget's form settings and the rate limit are checked (`admit`) before the body is read,
/// then the submission is validated and stored (`submit`), rate limit included, in one transaction.
enum ContactFormService {
    /// The contact form of one widget: where its tickets go and whom it takes them from.
    struct Form: Sendable {
        let accountID: Int
        let widgetID: Int?
        let enabled: Bool
        let loggedInOnly: Bool

        init(_ widget: Widget) {
            (accountID, widgetID, enabled, loggedInOnly) = (widget.accountID, widget.id, widget.contactFormEnabled,
                                                            widget.contactFormLoggedInOnly)
        }

        init(_ widget: WidgetRecord) {
            (accountID, widgetID, enabled, loggedInOnly) = (widget.accountID, widget.id, widget.contactFormEnabled,
                                                            widget.contactFormLoggedInOnly)
        }
    }

    /// Who sends the form: a signed-in contact (verified), or nobody known (anonymous).
    static func requester(_ contact: ContactRecord?) throws -> TicketRequester {
        guard let contact else { return .anonymous }
        guard let email = EmailAddress(contact.email) else {
            throw AppError(.contactEmailInvalid, "The signed-in contact's email address is not valid; sign in again.")
        }
        return .verified(name: contact.name, email: email)
    }

    /// Throws when the form takes nothing from this requester now: the form is off (`contact_form_disabled`),
    /// it is for signed-in customers only (`login_required`), or the rate limit is reached (`rate_limited`).
    static func admit(_ form: Form, requester: TicketRequester, requesterIP: String?, limit: RateLimit?,
                      on db: any Database) async throws {
        guard form.enabled else {
            throw AppError(.contactFormDisabled, "This widget's contact form is turned off.")
        }
        if form.loggedInOnly && requester == .anonymous {
            throw AppError(.loginRequired, "Sign in to send a ticket through this widget.")
        }
        if let limit {
            let email: String? = if case .verified(_, let email) = requester { email.value } else { nil }
            try await TicketService.checkRateLimit(accountID: form.accountID, requesterIP: requesterIP, email: email,
                                                   limit: limit, on: db)
        }
    }

    /// Validates the form (422 `validation_failed` naming each field) and stores the ticket with its files.
    static func submit(_ draft: TicketDraft, to form: Form, requester: TicketRequester, contactID: Int?, source: TicketSource,
                       requesterIP: String?, attachments: [TicketService.AcceptedFile], limit: RateLimit?,
                       on db: any Database) async throws -> Ticket {
        let submission: TicketSubmission
        switch TicketRules.validate(draft, from: requester) {
        case .success(let valid): submission = valid
        case .failure(let problems): throw AppError.validation(problems.messages)
        }
        var new = TicketService.NewTicket(accountID: form.accountID, widgetID: form.widgetID, contactID: contactID,
                                          submission: submission, requesterIP: requesterIP, attachments: attachments)
        new.properties.source = source
        return try await TicketService.create(new, limit: limit, on: db)
    }
}
