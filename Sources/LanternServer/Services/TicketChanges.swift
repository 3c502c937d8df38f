import Fluent
import LanternCore

/// What an agent changes on a ticket: each property left nil stays as it is; `type` and `responderID` can be
/// cleared with `.null`.
struct TicketChanges: Sendable {
    var status: TicketStatus? = nil
    var priority: TicketPriority? = nil
    var type: NullableField<String> = .absent
    var responderID: NullableField<Int> = .absent
    var tags: [String]? = nil
    /// Custom fields to set (`null` or empty text clears one); the others stay as they are.
    var customFields: [String: CustomFieldInput]? = nil

    /// 422 `validation_failed` unless the type is one of the account's ticket types and the assignee one of its agents.
    func check(accountID: Int, on db: any Database) async throws {
        var errors: [String: String] = [:]
        if case .value(let name) = type, try await !TicketTypeService.exists(name, accountID: accountID, on: db) {
            errors["type"] = "must be one of the account's ticket types (GET /api/v2/ticket_fields)"
        }
        if case .value(let id) = responderID, try await Agent.find(id, inAccount: accountID, on: db) == nil {
            errors["responder_id"] = "must be the id of an agent of the account"
        }
        var fieldErrors = FieldErrors()
        _ = try await customFieldValues(accountID: accountID, &fieldErrors, on: db)
        errors.merge(fieldErrors.fields) { first, _ in first }
        if !errors.isEmpty { throw AppError.validation(errors) }
    }

    /// The custom fields to set, checked against every field of the account (an agent may fill in any, none is
    /// required): a value, or nil to clear it. Problems go to `errors`, keyed `custom_fields.cf_…`.
    func customFieldValues(accountID: Int, _ errors: inout FieldErrors, on db: any Database) async throws -> [String: CustomFieldValue?] {
        guard let given = customFields, !given.isEmpty else { return [:] }
        let values = try await CustomTicketFieldService.values(given, accountID: accountID, byCustomer: false, &errors, on: db)
        return Dictionary(uniqueKeysWithValues: given.keys.map { ($0, values[$0]) })
    }

    func apply(to ticket: Ticket) {
        if let status { ticket.status = status.rawValue }
        if let priority { ticket.priority = priority.rawValue }
        switch type {
        case .absent: break
        case .null: ticket.type = nil
        case .value(let name): ticket.type = name
        }
        switch responderID {
        case .absent: break
        case .null: ticket.responderID = nil
        case .value(let id): ticket.responderID = id
        }
        if let tags, tags != ticket.tags { ticket.tags = tags }
    }
}
