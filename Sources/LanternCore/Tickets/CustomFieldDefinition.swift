/// A custom ticket field as the rules need it: its name, kind, whether customers must fill it, and a dropdown's choices.
public struct CustomFieldDefinition: Sendable, Equatable {
    public let name: String
    public let kind: CustomFieldKind
    public let required: Bool
    public let choices: [String]

    public init(name: String, kind: CustomFieldKind, required: Bool, choices: [String] = []) {
        self.name = name
        self.kind = kind
        self.required = required
        self.choices = choices
    }
}
