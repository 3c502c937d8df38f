/// What a custom ticket field holds. The API names them as Freshdesk does (`custom_text`, …) and also takes the
/// short names (`text`, …).
public enum CustomFieldKind: String, CaseIterable, Sendable {
    case text, paragraph, number, decimal, checkbox, dropdown, date

    /// Freshdesk's name for it: `custom_text`, `custom_dropdown`, …
    public var freshdeskType: String { "custom_" + rawValue }

    /// The kind named `name`, short or Freshdesk's.
    public init?(apiName name: String) {
        let short = name.hasPrefix("custom_") ? String(name.dropFirst("custom_".count)) : name
        self.init(rawValue: short)
    }
}
