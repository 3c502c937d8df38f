/// A custom ticket field's stored value: text (`text`, `paragraph`, `dropdown`, and `date` as `YYYY-MM-DD`), a
/// whole number, a decimal or a checkbox. Encodes as the plain JSON value.
public enum CustomFieldValue: Codable, Sendable, Equatable {
    case text(String)
    case number(Int)
    case decimal(Double)
    case checkbox(Bool)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let bool = try? container.decode(Bool.self) { self = .checkbox(bool) }
        else if let int = try? container.decode(Int.self) { self = .number(int) }
        else if let double = try? container.decode(Double.self) { self = .decimal(double) }
        else { self = .text(try container.decode(String.self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .decimal(let value): try container.encode(value)
        case .checkbox(let value): try container.encode(value)
        }
    }

    /// The value as a person reads it (a form field's text).
    public var text: String {
        switch self {
        case .text(let value): value
        case .number(let value): String(value)
        case .decimal(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .checkbox(let value): value ? "true" : "false"
        }
    }
}
