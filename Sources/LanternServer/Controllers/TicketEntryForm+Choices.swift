import Foundation
import LanternCore

extension TicketEntryForm {
    /// A form's `priority` field as a code; nil when absent or empty; 422 naming `priority` when it is not a number.
    static func priorityCode(_ text: String?) throws -> Int? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard let code = Int(text) else { throw AppError.validation(["priority": "must be 1 (low), 2 (medium), 3 (high) or 4 (urgent)"]) }
        return code
    }

    /// A form's `custom_fields[cf_…]` fields, as the values a client sent; nil when there are none.
    static func customFields(_ fields: [String: String]) -> [String: CustomFieldInput]? {
        var values: [String: CustomFieldInput] = [:]
        for (key, value) in fields where key.hasPrefix("custom_fields[") && key.hasSuffix("]") {
            values[String(key.dropFirst("custom_fields[".count).dropLast())] = .text(value)
        }
        return values.isEmpty ? nil : values
    }
}
