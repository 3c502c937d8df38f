import Fluent
import Foundation
import LanternCore

/// One of an account's custom ticket fields (`cf_…`): its label (the account's primary language) and translations,
/// its kind, a dropdown's choices, and whether customers see it in the contact forms and must fill it in.
final class CustomTicketField: Model, @unchecked Sendable {
    static let schema = "custom_ticket_fields"
    /// The API gives a custom field the id `apiIDOffset + id`, so that it never meets the default fields' ids (1–4).
    static let apiIDOffset = 1000

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    @Field(key: "name") var name: String
    @Field(key: "label") var label: String
    /// The labels in other languages, as a JSON object of language code to label.
    @Field(key: "labels") var labelsJSON: String
    /// A `CustomFieldKind`.
    @Field(key: "kind") var kind: String
    @Field(key: "required_for_customers") var requiredForCustomers: Bool
    /// Whether customers fill it in (the widget's and `/support`'s forms show it).
    @Field(key: "customers_can_edit") var customersCanEdit: Bool
    /// A dropdown's choices, as a JSON array of strings.
    @Field(key: "choices") var choicesJSON: String
    @Field(key: "position") var position: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    /// A field with nothing set yet but its account (the service fills it in).
    init(accountID: Int) {
        self.accountID = accountID
        name = ""
        label = ""
        kind = ""
        labelsJSON = "{}"
        choicesJSON = "[]"
        requiredForCustomers = false
        customersCanEdit = true
        position = 0
    }

    var labels: [String: String] {
        get { (try? JSONDecoder().decode([String: String].self, from: Data(labelsJSON.utf8))) ?? [:] }
        set { labelsJSON = Self.json(newValue) }
    }

    var choices: [String] {
        get { (try? JSONDecoder().decode([String].self, from: Data(choicesJSON.utf8))) ?? [] }
        set { choicesJSON = Self.json(newValue) }
    }

    var fieldKind: CustomFieldKind { CustomFieldKind(rawValue: kind) ?? .text }

    /// The id the API and the portal show.
    var apiID: Int { (id ?? 0) + Self.apiIDOffset }

    /// The label in `language`, else the primary one.
    func label(in language: String?) -> String {
        language.flatMap { labels[$0] } ?? label
    }

    /// What the validation rules need; `required` only where customers fill it in.
    var definition: CustomFieldDefinition {
        CustomFieldDefinition(name: name, kind: fieldKind, required: requiredForCustomers && customersCanEdit, choices: choices)
    }

    private static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
    }
}

extension CustomTicketField: AccountScoped {}
