import Foundation
import LanternCore

/// A custom ticket field in `GET /api/v2/ticket_fields`, in Freshdesk's shape (`name`, `label`, `type` as
/// `custom_…`, `required_for_customers`, `customers_can_edit`, `choices` as the default fields give them), with
/// `labels` per language.
struct CustomTicketFieldDTO: Encodable {
    let id: Int
    let name: String
    let label: String
    let labels: [String: String]
    let type: String
    let position: Int
    let required_for_customers: Bool
    let customers_can_edit: Bool
    let choices: [TicketFieldDTO.Choice]
    let `default`: Bool
    let created_at: Date?
    let updated_at: Date?

    init(_ field: CustomTicketField) {
        id = field.apiID
        name = field.name
        label = field.label
        labels = field.labels
        type = field.fieldKind.freshdeskType
        position = field.position
        required_for_customers = field.requiredForCustomers
        customers_can_edit = field.customersCanEdit
        choices = field.choices.map { TicketFieldDTO.Choice(value: .string($0), label: $0) }
        self.default = false
        created_at = field.createdAt
        updated_at = field.updatedAt
    }
}

/// One entry of `GET /api/v2/ticket_fields`: a default field (as issue 15 answers it) or a custom one.
enum TicketFieldListEntry: Encodable {
    case standard(TicketFieldDTO)
    case custom(CustomTicketFieldDTO)

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .standard(let field): try field.encode(to: encoder)
        case .custom(let field): try field.encode(to: encoder)
        }
    }

    /// The default fields, then the account's custom fields.
    static func list(types: [String], custom: [CustomTicketField]) -> [TicketFieldListEntry] {
        TicketFieldDTO.all(types: types).map(Self.standard) + custom.map { .custom(CustomTicketFieldDTO($0)) }
    }
}
