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

    /// 422 `validation_failed` unless the type is one of the account's ticket types and the assignee one of its agents.
    func check(accountID: Int, on db: any Database) async throws {
        var errors: [String: String] = [:]
        if case .value(let name) = type, try await !TicketTypeService.exists(name, accountID: accountID, on: db) {
            errors["type"] = "must be one of the account's ticket types (GET /api/v2/ticket_fields)"
        }
        if case .value(let id) = responderID, try await Agent.find(id, inAccount: accountID, on: db) == nil {
            errors["responder_id"] = "must be the id of an agent of the account"
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
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
