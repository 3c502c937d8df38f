/// What a custom ticket field is created or changed with, in Freshdesk's shape: `label`, `type` (`custom_text`… or
/// `text`…), `required_for_customers`, `customers_can_edit`, `choices` (a dropdown's: strings, or Freshdesk's
/// `{value, label}` objects), `position`; `name` (`cf_…`, made from the label when absent) and `labels` (per
/// language) too. `nil` means "not given".
struct CustomTicketFieldInput: Decodable, Sendable {
    /// A choice as a string, or as `{"value": …}` (its value is kept).
    struct Choice: Decodable, Sendable {
        let value: String

        init(_ value: String) { self.value = value }

        private enum CodingKeys: String, CodingKey { case value }

        init(from decoder: any Decoder) throws {
            if let text = try? decoder.singleValueContainer().decode(String.self) {
                value = text
            } else {
                value = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .value)
            }
        }
    }

    var name: String?
    var label: String?
    var labels: [String: String]?
    var type: String?
    var required_for_customers: Bool?
    var customers_can_edit: Bool?
    var choices: [Choice]?
    var position: Int?
}
