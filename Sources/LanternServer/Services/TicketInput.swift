import Fluent
import Foundation
import LanternCore

/// The agent API's ticket body: `POST /api/v2/tickets` (everything) and `PUT /api/v2/tickets/{id}` (the
/// properties). Codes are checked against `TicketStatus`, `TicketPriority` and `TicketSource`; `type` and
/// `responder_id` tell absent from `null`.
struct TicketInput: Decodable, Sendable {
    var email: String?
    var requester_id: Int?
    var name: String?
    var subject: String?
    var description: String?
    var status: Int?
    var priority: Int?
    var type: NullableField<String> = .absent
    var source: Int?
    var tags: [String]?
    var responder_id: NullableField<Int> = .absent
    /// Custom fields, `cf_…` to a value (`null` clears one on `PUT`).
    var custom_fields: [String: CustomFieldInput]?

    enum CodingKeys: String, CodingKey {
        case email, requester_id, name, subject, description, status, priority, type, source, tags, responder_id, custom_fields
    }

    init() {}

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        email = try container.decodeIfPresent(String.self, forKey: .email)
        requester_id = try container.decodeIfPresent(Int.self, forKey: .requester_id)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        subject = try container.decodeIfPresent(String.self, forKey: .subject)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        status = try container.decodeIfPresent(Int.self, forKey: .status)
        priority = try container.decodeIfPresent(Int.self, forKey: .priority)
        type = try container.decodeNullable(String.self, forKey: .type)
        source = try container.decodeIfPresent(Int.self, forKey: .source)
        tags = try container.decodeIfPresent([String].self, forKey: .tags)
        responder_id = try container.decodeNullable(Int.self, forKey: .responder_id)
        custom_fields = try container.decodeIfPresent([String: CustomFieldInput].self, forKey: .custom_fields)
    }

    /// The property changes, with every unknown code collected in `errors` by field.
    func changes(_ errors: inout [String: String]) -> TicketChanges {
        var changes = TicketChanges(type: type, responderID: responder_id, customFields: custom_fields)
        if let status {
            if let value = TicketStatus(rawValue: status) { changes.status = value } else {
                errors["status"] = TicketStatus.choicesMessage
            }
        }
        if let priority {
            if let value = TicketPriority(rawValue: priority) { changes.priority = value } else {
                errors["priority"] = TicketPriority.choicesMessage
            }
        }
        if let tags {
            switch TicketTags.validate(tags) {
            case .success(let cleaned): changes.tags = cleaned
            case .failure(let problem): errors["tags"] = problem.message
            }
        }
        return changes
    }

    /// The property changes of a `PUT`, or 422 `validation_failed` naming each bad field.
    func changes() throws -> TicketChanges {
        var errors: [String: String] = [:]
        let changes = changes(&errors)
        if !errors.isEmpty { throw AppError.validation(errors) }
        return changes
    }

    /// The ticket a `POST` creates (source 2, portal, unless given): the requester is the contact `requester_id`
    /// names (verified) or `email` (unverified); the description is HTML, sanitised. 422 naming each bad field.
    func newTicket(accountID: Int, attachments: [TicketService.AcceptedFile], on db: any Database) async throws -> TicketService.NewTicket {
        var errors: [String: String] = [:]
        let changes = changes(&errors)
        var source = TicketSource.portal
        if let code = self.source {
            if let value = TicketSource(rawValue: code) { source = value } else {
                errors["source"] = TicketSource.choicesMessage
            }
        }
        var requester: (name: String, email: EmailAddress, contactID: Int?, verified: Bool)? = nil
        if let requesterID = requester_id {
            if let contact = try await Contact.find(requesterID, inAccount: accountID, on: db), let email = EmailAddress(contact.email) {
                requester = (contact.name, email, requesterID, true)
            } else {
                errors["requester_id"] = "must be the id of a contact of the account"
            }
        } else if let raw = email {
            if let email = EmailAddress(raw) {
                let trimmed = name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                requester = (trimmed.isEmpty ? String(email.value.prefix { $0 != "@" }) : trimmed, email, nil, false)
            } else {
                errors["email"] = "must be a valid email address"
            }
        } else {
            errors["email"] = "is required unless requester_id names a contact"
        }
        if let name, name.count > TicketRules.maximumNameLength {
            errors["name"] = "must be at most \(TicketRules.maximumNameLength) characters"
        } else if let name, name.unicodeScalars.contains(where: { FieldErrors.isControl($0, allowingLineBreaks: false) }) {
            errors["name"] = "must not contain control characters"
        }
        let subject = subject?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if subject.isEmpty { errors["subject"] = "is required" } else if subject.count > TicketRules.maximumSubjectLength {
            errors["subject"] = "must be at most \(TicketRules.maximumSubjectLength) characters"
        } else if subject.unicodeScalars.contains(where: { FieldErrors.isControl($0, allowingLineBreaks: false) }) {
            errors["subject"] = "must not contain control characters"
        }
        var body: TicketBody? = nil
        if let problem = TicketBody.problem(description) { errors["description"] = problem } else if let description {
            body = TicketBody(html: description)
        }
        if errors.isEmpty { try await changes.check(accountID: accountID, on: db) }
        guard errors.isEmpty, let requester, let body else { throw AppError.validation(errors) }
        var fieldErrors = FieldErrors()
        let custom = try await changes.customFieldValues(accountID: accountID, &fieldErrors, on: db)
        try fieldErrors.throwIfAny()
        var properties = TicketProperties(status: changes.status ?? .open, priority: changes.priority ?? .medium,
                                          source: source, tags: changes.tags ?? [], customFields: custom.compactMapValues { $0 })
        if case .value(let type) = type { properties.type = type }
        if case .value(let id) = responder_id { properties.responderID = id }
        let submission = TicketSubmission(name: requester.name, email: requester.email, subject: subject,
                                          description: body.text, verified: requester.verified)
        var new = TicketService.NewTicket(accountID: accountID, widgetID: nil, contactID: requester.contactID,
                                          submission: submission, requesterIP: nil, attachments: attachments)
        new.properties = properties
        new.descriptionHTML = body.html
        return new
    }
}
