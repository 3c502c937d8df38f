import Fluent
import Foundation
import LanternCore

/// Which of an account's tickets a list shows, and in which order.
struct TicketFilter: Sendable {
    /// Whose tickets, by assignee.
    enum Assignee: Sendable, Equatable {
        case agent(Int)
        case unassigned
    }

    enum Order: String, Sendable { case createdAt = "created_at", updatedAt = "updated_at" }

    var email: String?
    var verified: Bool?
    var widgetID: Int?
    var createdSince: Date?
    var updatedSince: Date?
    var status: TicketStatus?
    var priority: TicketPriority?
    var assignee: Assignee?
    var order: Order = .createdAt
    var ascending = false

    init(email: String? = nil, verified: Bool? = nil, widgetID: Int? = nil, createdSince: Date? = nil,
         updatedSince: Date? = nil, status: TicketStatus? = nil, priority: TicketPriority? = nil,
         assignee: Assignee? = nil, order: Order = .createdAt, ascending: Bool = false) {
        self.email = email
        self.verified = verified
        self.widgetID = widgetID
        self.createdSince = createdSince
        self.updatedSince = updatedSince
        self.status = status
        self.priority = priority
        self.assignee = assignee
        self.order = order
        self.ascending = ascending
    }

    /// The agent API's filter from its query parameters as sent (`parameter` looks one up): `email`, `verified`,
    /// `widget_id`, `created_since` and `updated_since` (ISO 8601 times), `status`, `priority`, `responder_id` (an
    /// agent id, or `null` for unassigned tickets), `order_by` (`created_at` or `updated_at`) and `order_type`
    /// (`asc` or `desc`). A value that does not parse is a 422 naming its parameter.
    init(apiParameters parameter: (String) -> String?) throws {
        var errors: [String: String] = [:]
        if let email = parameter("email") {
            if email.unicodeScalars.contains(where: { FieldErrors.isControl($0, allowingLineBreaks: false) }) {
                errors["email"] = "must not contain control characters"
            } else {
                self.email = EmailAddress.normalized(email) ?? email
            }
        }
        if let verified = parameter("verified") {
            switch verified.lowercased() {
            case "true", "1": self.verified = true
            case "false", "0": self.verified = false
            default: errors["verified"] = "must be true or false"
            }
        }
        if let widget = parameter("widget_id") {
            if let id = Int(widget), id > 0 { widgetID = id } else { errors["widget_id"] = "must be a widget id" }
        }
        for name in ["created_since", "updated_since"] {
            guard let raw = parameter(name) else { continue }
            guard let date = Self.time(raw) else {
                errors[name] = "must be an ISO 8601 time, e.g. 2026-01-31T12:00:00Z"
                continue
            }
            if name == "created_since" { createdSince = date } else { updatedSince = date }
        }
        if let raw = parameter("status") {
            if let code = Int(raw), let status = TicketStatus(rawValue: code) { self.status = status } else {
                errors["status"] = TicketStatus.choicesMessage
            }
        }
        if let raw = parameter("priority") {
            if let code = Int(raw), let priority = TicketPriority(rawValue: code) { self.priority = priority } else {
                errors["priority"] = TicketPriority.choicesMessage
            }
        }
        if let raw = parameter("responder_id") {
            if raw == "null" { assignee = .unassigned } else if let id = Int(raw), id > 0 { assignee = .agent(id) } else {
                errors["responder_id"] = "must be an agent id, or null for unassigned tickets"
            }
        }
        if let raw = parameter("order_by") {
            if let order = Order(rawValue: raw) { self.order = order } else { errors["order_by"] = "must be created_at or updated_at" }
        }
        if let raw = parameter("order_type") {
            switch raw {
            case "asc": ascending = true
            case "desc": ascending = false
            default: errors["order_type"] = "must be asc or desc"
            }
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
    }

    /// The query narrowed by every condition (by status too unless `includingStatus` is false: for counts by status).
    func apply(to query: QueryBuilder<Ticket>, includingStatus: Bool) -> QueryBuilder<Ticket> {
        var query = query
        if let email { query = query.filter(\.$email == email) }
        if let verified { query = query.filter(\.$verified == verified) }
        if let widgetID { query = query.filter(\.$widgetID == widgetID) }
        if let createdSince { query = query.filter(\.$createdAt >= createdSince) }
        if let updatedSince { query = query.filter(\.$updatedAt >= updatedSince) }
        if includingStatus, let status { query = query.filter(\.$status == status.rawValue) }
        if let priority { query = query.filter(\.$priority == priority.rawValue) }
        switch assignee {
        case .agent(let id): query = query.filter(\.$responderID == id)
        case .unassigned: query = query.filter(\.$responderID == nil)
        case nil: break
        }
        return query
    }

    /// The query in this filter's order, ties broken by id in the same direction.
    func sort(_ query: QueryBuilder<Ticket>) -> QueryBuilder<Ticket> {
        let direction: DatabaseQuery.Sort.Direction = ascending ? .ascending : .descending
        let sorted = switch order {
        case .createdAt: query.sort(\.$createdAt, direction)
        case .updatedAt: query.sort(\.$updatedAt, direction)
        }
        return sorted.sort(\.$id, direction)
    }

    /// An ISO 8601 time, with or without fractional seconds, or a bare date (midnight UTC).
    private static func time(_ raw: String) -> Date? {
        ISO8601Time.parse(raw)
    }
}
