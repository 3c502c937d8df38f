import Fluent
import Foundation
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
        /// Whether customers choose the priority / the type in this form.
        var choosesPriority = false
        var choosesType = false

        init(_ widget: Widget) {
            (accountID, widgetID, enabled, loggedInOnly) = (widget.accountID, widget.id, widget.contactFormEnabled,
                                                            widget.contactFormLoggedInOnly)
            (choosesPriority, choosesType) = (widget.contactFormPriority, widget.contactFormType)
        }

        init(_ widget: WidgetRecord) {
            (accountID, widgetID, enabled, loggedInOnly) = (widget.accountID, widget.id, widget.contactFormEnabled,
                                                            widget.contactFormLoggedInOnly)
            (choosesPriority, choosesType) = (widget.contactFormPriority, widget.contactFormType)
        }
    }

    /// What a form may carry beside its text: the priority and the type (where the form lets customers choose
    /// them) and the custom fields customers fill in.
    struct Choices: Sendable {
        var priority: Int? = nil
        var type: String? = nil
        var customFields: [String: CustomFieldInput] = [:]
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
    static func submit(_ draft: TicketDraft, choices: Choices = Choices(), to form: Form, requester: TicketRequester,
                       contactID: Int?, source: TicketSource, requesterIP: String?,
                       attachments: [TicketService.AcceptedFile], limit: RateLimit?,
                       on db: any Database) async throws -> Ticket {
        var errors = FieldErrors()
        var submission: TicketSubmission? = nil
        switch TicketRules.validate(draft, from: requester) {
        case .success(let valid): submission = valid
        case .failure(let found): for (field, problem) in found.messages { errors.add(field, problem) }
        }
        var properties = TicketProperties()
        properties.source = source
        try await check(choices, of: form, into: &properties, &errors, on: db)
        try errors.throwIfAny()
        guard let submission else { throw AppError.validation(errors.fields) }
        var new = TicketService.NewTicket(accountID: form.accountID, widgetID: form.widgetID, contactID: contactID,
                                          submission: submission, requesterIP: requesterIP, attachments: attachments)
        new.properties = properties
        return try await TicketService.create(new, limit: limit, on: db)
    }

    /// Checks the priority, the type and the custom fields a customer sent, into `properties`; each problem goes
    /// to `errors` (`priority`, `type`, `custom_fields.cf_…`).
    private static func check(_ choices: Choices, of form: Form, into properties: inout TicketProperties,
                              _ errors: inout FieldErrors, on db: any Database) async throws {
        if let code = choices.priority {
            if !form.choosesPriority { errors.add("priority", "this form does not let customers choose a priority") }
            else if let priority = TicketPriority(rawValue: code) { properties.priority = priority }
            else { errors.add("priority", "must be 1 (low), 2 (medium), 3 (high) or 4 (urgent)") }
        }
        if let type = choices.type?.trimmingCharacters(in: .whitespaces), !type.isEmpty {
            if !form.choosesType { errors.add("type", "this form does not let customers choose a type") }
            else if try await TicketTypeService.exists(type, accountID: form.accountID, on: db) { properties.type = type }
            else { errors.add("type", "must be one of the account's ticket types") }
        }
        properties.customFields = try await CustomTicketFieldService.values(choices.customFields, accountID: form.accountID,
                                                                            byCustomer: true, &errors, on: db)
    }
}
