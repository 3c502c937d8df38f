import LanternCore
import Vapor

/// Collects per-field validation problems and throws them as one 422 `validation_failed`.
struct FieldErrors {
    private(set) var fields: [String: String] = [:]

    mutating func add(_ field: String, _ problem: String) {
        if fields[field] == nil { fields[field] = problem }
    }

    func throwIfAny() throws {
        if !fields.isEmpty { throw AppError.validation(fields) }
    }

    /// A trimmed, non-empty, single-line text of at most `maximum` characters without control characters; `nil`
    /// (and an error) otherwise.
    mutating func text(_ value: String?, _ field: String, required: Bool, maximum: Int = 255) -> String? {
        guard let value else {
            if required { add(field, "is required") }
            return nil
        }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            add(field, "must not be blank")
            return nil
        }
        if trimmed.count > maximum {
            add(field, "must be at most \(maximum) characters")
            return nil
        }
        if trimmed.unicodeScalars.contains(where: { Self.isControl($0, allowingLineBreaks: false) }) {
            add(field, "must not contain control characters")
            return nil
        }
        return trimmed
    }

    /// A trimmed text that may be empty, of at most `maximum` characters, without control characters other than
    /// tabs and line breaks.
    mutating func freeText(_ value: String?, _ field: String, maximum: Int) -> String? {
        guard let value else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= maximum else {
            add(field, "must be at most \(maximum) characters")
            return nil
        }
        if trimmed.unicodeScalars.contains(where: { Self.isControl($0, allowingLineBreaks: true) }) {
            add(field, "must not contain control characters other than tabs and line breaks")
            return nil
        }
        return trimmed
    }

    /// C0 control characters and DEL: never meant in a name or a description, and NUL is refused by PostgreSQL.
    static func isControl(_ scalar: Unicode.Scalar, allowingLineBreaks: Bool) -> Bool {
        if allowingLineBreaks && (scalar == "\t" || scalar == "\n" || scalar == "\r") { return false }
        return scalar.value < 0x20 || scalar.value == 0x7F
    }

    /// A language the account supports, normalised.
    mutating func language(_ value: String?, _ field: String, supported: [String]) -> String? {
        guard let value else { return nil }
        guard let match = LanguageResolver(supported: supported, accountDefault: "").match(value),
              LanguageCode(value)?.value == match else {
            add(field, "must be one of the account's languages: \(supported.joined(separator: ", "))")
            return nil
        }
        return match
    }
}
