import Foundation

/// The rules of custom ticket fields: their names, and the values a ticket may carry. The widget and the customer
/// portal's forms check the same (see `Public/widget/widget.js`, `extraValues`).
public enum CustomFieldRules {
    public static let maximumTextLength = 255
    public static let maximumParagraphBytes = 10 * 1024
    public static let maximumChoices = 200
    public static let maximumChoiceLength = 255

    /// Whether `name` is a custom field's name: `cf_` then 1 to 60 lower-case letters, digits or underscores.
    public static func isValidName(_ name: String) -> Bool {
        guard name.hasPrefix("cf_") else { return false }
        let rest = name.utf8.dropFirst(3)
        return (1...60).contains(rest.count) && rest.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F }
    }

    /// Checks `given` against `fields` (the fields the caller may fill in): each value must suit its field's kind,
    /// each required field must have one (when `requireAll`), and no other name may appear. Problems are keyed
    /// `custom_fields.<name>`. Empty text and null count as no value.
    public static func validate(_ given: [String: CustomFieldInput], fields: [CustomFieldDefinition],
                                requireAll: Bool = true) -> Result<[String: CustomFieldValue], FieldProblems> {
        var problems = FieldProblems()
        var values: [String: CustomFieldValue] = [:]
        let byName = Dictionary(fields.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for name in given.keys.sorted() where byName[name] == nil {
            problems.add("custom_fields.\(name)", "is not a field of this form")
        }
        for field in fields {
            let key = "custom_fields.\(field.name)"
            switch value(given[field.name] ?? .null, for: field) {
            case .success(let value?): values[field.name] = value
            case .success(nil): if requireAll && field.required { problems.add(key, "is required") }
            case .failure(let problem): problems.add(key, problem.message)
            }
        }
        return problems.isEmpty ? .success(values) : .failure(problems)
    }

    /// A problem with one value.
    public struct Problem: Error, Equatable {
        public let message: String
    }

    /// The stored value of `input` for `field`, nil for no value, or what is wrong with it.
    public static func value(_ input: CustomFieldInput, for field: CustomFieldDefinition) -> Result<CustomFieldValue?, Problem> {
        let text: String
        switch input {
        case .null: return .success(nil)
        case .other: return .failure(Problem(message: "must be a single value"))
        case .bool(let bool):
            guard field.kind == .checkbox else { return .failure(Problem(message: expectation(field))) }
            return .success(.checkbox(bool))
        case .number(let number, let literal):
            switch field.kind {
            case .number:
                guard number == number.rounded(), abs(number) < 1e15 else { return .failure(Problem(message: "must be a whole number")) }
                return .success(.number(Int(number)))
            case .decimal:
                guard number.isFinite, abs(number) < 1e15 else { return .failure(Problem(message: "must be a number")) }
                return .success(.decimal(number))
            case .text, .dropdown: text = literal
            default: return .failure(Problem(message: expectation(field)))
            }
        case .text(let raw): text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if text.isEmpty { return .success(nil) }
        if text.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\n" && $0 != "\r" && $0 != "\t") || $0.value == 0x7F }) {
            return .failure(Problem(message: "must not contain control characters"))
        }
        switch field.kind {
        case .text:
            guard !text.contains("\n"), text.count <= maximumTextLength else {
                return .failure(Problem(message: "must be one line of at most \(maximumTextLength) characters"))
            }
            return .success(.text(text))
        case .paragraph:
            guard text.utf8.count <= maximumParagraphBytes else { return .failure(Problem(message: "must be at most 10 KiB")) }
            return .success(.text(text))
        case .number:
            guard text.count <= 16, let number = Int(text), abs(number) < 1_000_000_000_000_000 else {
                return .failure(Problem(message: "must be a whole number"))
            }
            return .success(.number(number))
        case .decimal:
            guard text.count <= 32, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
                  let number = Double(text), number.isFinite, abs(number) < 1e15 else {
                return .failure(Problem(message: "must be a number"))
            }
            return .success(.decimal(number))
        case .checkbox:
            switch text.lowercased() {
            case "true", "1", "on", "yes": return .success(.checkbox(true))
            case "false", "0", "off", "no": return .success(.checkbox(false))
            default: return .failure(Problem(message: "must be true or false"))
            }
        case .dropdown:
            guard field.choices.contains(text) else { return .failure(Problem(message: "must be one of the field's choices")) }
            return .success(.text(text))
        case .date:
            guard isDate(text) else { return .failure(Problem(message: "must be a date as YYYY-MM-DD")) }
            return .success(.text(text))
        }
    }

    /// Whether `text` is a real calendar date written `YYYY-MM-DD`.
    public static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }

    private static func expectation(_ field: CustomFieldDefinition) -> String {
        switch field.kind {
        case .checkbox: "must be true or false"
        case .number: "must be a whole number"
        case .decimal: "must be a number"
        default: "must be text"
        }
    }
}
