/// A custom field's value as a client sent it, before it is checked against the field's kind: JSON gives text,
/// numbers, booleans or null; a form gives text only.
public enum CustomFieldInput: Decodable, Sendable, Equatable {
    case text(String)
    case number(Double, literal: String)
    case bool(Bool)
    case null
    /// An array or an object: never a valid value.
    case other

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let bool = try? container.decode(Bool.self) { self = .bool(bool) }
        else if let int = try? container.decode(Int.self) { self = .number(Double(int), literal: String(int)) }
        else if let double = try? container.decode(Double.self) { self = .number(double, literal: String(double)) }
        else if let text = try? container.decode(String.self) { self = .text(text) }
        else { self = .other }
    }
}
