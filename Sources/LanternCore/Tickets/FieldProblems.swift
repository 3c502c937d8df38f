

/// Validation problems, one message per field.
public struct FieldProblems: Error, Sendable, Equatable {
    public private(set) var messages: [String: String] = [:]

    public init() {}

    public var isEmpty: Bool { messages.isEmpty }

    public mutating func add(_ field: String, _ message: String) {
        if messages[field] == nil { messages[field] = message }
    }

    /// A required text: trimmed, not blank, free of control characters other than tab and line breaks, then
    /// checked by `check` (which returns a problem or `nil`).
    mutating func text(_ value: String?, _ field: String, _ check: (String) -> String?) -> String? {
        guard let value else {
            add(field, "is required")
            return nil
        }
        let trimmed = value.trimmedOfWhitespace
        guard !trimmed.isEmpty else {
            add(field, "must not be blank")
            return nil
        }
        if trimmed.unicodeScalars.contains(where: Self.isForbiddenControl) {
            add(field, "must not contain control characters")
            return nil
        }
        if let problem = check(trimmed) {
            add(field, problem)
            return nil
        }
        return trimmed
    }

    private static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || scalar.value == 0x7F
    }
}
