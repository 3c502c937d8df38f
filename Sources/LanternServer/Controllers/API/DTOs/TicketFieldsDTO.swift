import LanternCore
import Vapor

/// `GET /api/v2/ticket_fields`: the ticket's coded fields in Freshdesk's list-of-fields shape, each with its choices
/// (`value` and `label`): `status`, `priority`, `source`, and `ticket_type` with the account's types.
struct TicketFieldDTO: Content {
    struct Choice: Content {
        let value: AnyCodableValue
        let label: String
    }

    let id: Int
    let name: String
    let label: String
    let type: String
    let position: Int
    let choices: [Choice]

    /// The four fields for an account with these ticket types.
    static func all(types: [String]) -> [TicketFieldDTO] {
        [
            TicketFieldDTO(id: 1, name: "status", label: "Status", type: "default_status", position: 1,
                           choices: TicketStatus.allCases.map { Choice(value: .int($0.rawValue), label: $0.label) }),
            TicketFieldDTO(id: 2, name: "priority", label: "Priority", type: "default_priority", position: 2,
                           choices: TicketPriority.allCases.map { Choice(value: .int($0.rawValue), label: $0.label) }),
            TicketFieldDTO(id: 3, name: "source", label: "Source", type: "default_source", position: 3,
                           choices: TicketSource.allCases.map { Choice(value: .int($0.rawValue), label: $0.label) }),
            TicketFieldDTO(id: 4, name: "ticket_type", label: "Type", type: "default_ticket_type", position: 4,
                           choices: types.map { Choice(value: .string($0), label: $0) }),
        ]
    }
}

/// A choice's value: a code or a name.
enum AnyCodableValue: Codable, Sendable {
    case int(Int)
    case string(String)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let int = try? container.decode(Int.self) { self = .int(int) } else { self = .string(try container.decode(String.self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        }
    }
}

/// The body of `PUT /api/v2/ticket_fields`: the account's ticket types, in order.
struct TicketTypesInput: Content {
    let types: [String]
}
