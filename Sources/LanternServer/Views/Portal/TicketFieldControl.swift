import LanternCore

/// One of a ticket form's extra fields, as the portals render it: the priority, the type, or a custom field
/// (`custom_fields[cf_…]`), with its current value as text. Built from plain values, so views test it by hand.
struct TicketFieldControl: Sendable {
    /// The form field's name: `priority`, `type` or `custom_fields[cf_…]`.
    let name: String
    /// Where its problem is found in a 422's `fields`: `priority`, `type` or `custom_fields.cf_…`.
    let errorKey: String
    let label: String
    let kind: CustomFieldKind
    let required: Bool
    /// A list's choices (value, label); an empty value is "none".
    var choices: [(value: String, label: String)] = []
    var value: String = ""

    /// A custom field's control, labelled in `language`, with `value`.
    init(_ field: CustomTicketField, language: String?, value: String, requiredForCustomers: Bool) {
        name = "custom_fields[\(field.name)]"
        errorKey = "custom_fields.\(field.name)"
        label = field.label(in: language)
        kind = field.fieldKind
        required = requiredForCustomers && field.definition.required
        choices = [(value: "", label: "—")] + field.choices.map { (value: $0, label: $0) }
        self.value = value
    }

    init(name: String, label: String, kind: CustomFieldKind, required: Bool = false,
         choices: [(value: String, label: String)] = [], value: String = "") {
        self.name = name
        errorKey = name
        self.label = label
        self.kind = kind
        self.required = required
        self.choices = choices
        self.value = value
    }

    /// The priority list (codes 1–4), none chosen first.
    static func priority(value: String) -> TicketFieldControl {
        TicketFieldControl(name: "priority", label: "Priority", kind: .dropdown,
                           choices: [(value: "", label: "—")] + TicketPriority.allCases.map { (value: String($0.rawValue), label: $0.label) },
                           value: value)
    }

    /// The type list (the account's types), none chosen first.
    static func type(_ types: [String], value: String) -> TicketFieldControl {
        TicketFieldControl(name: "type", label: "Type", kind: .dropdown, choices: [(value: "", label: "—")] + types.map { (value: $0, label: $0) },
                           value: value)
    }

    /// The control and its label, with `problem` beside it when the form came back refused.
    func html(problem: String? = nil) -> HTML {
        let id = "f-" + name.replacingOccurrences(of: "[", with: "-").replacingOccurrences(of: "]", with: "")
        let requiredAttribute: HTML = required ? " required" : .empty
        let invalid: HTML = problem == nil ? .empty : " aria-invalid=\"true\" aria-describedby=\"\(id)-error\""
        let error: HTML = problem.map { "<small class=\"error\" id=\"\(id)-error\">\($0)</small>" } ?? .empty
        let control: HTML
        switch kind {
        case .dropdown:
            let options = choices.html { choice in
                "<option value=\"\(choice.value)\"\(choice.value == value ? " selected" : "")>\(choice.label)</option>"
            }
            control = "<select id=\"\(id)\" name=\"\(name)\"\(requiredAttribute)\(invalid)>\(options)</select>"
        case .checkbox:
            // An unticked box sends nothing: the controllers read that as false.
            return """
                <div class="check"><input type="checkbox" id="\(id)" name="\(name)" value="true"\(value == "true" ? " checked" : "")\(requiredAttribute)\(invalid)>\
                <label for="\(id)">\(label)</label>\(error)</div>
                """
        case .paragraph:
            control = "<textarea id=\"\(id)\" name=\"\(name)\" rows=\"4\"\(requiredAttribute)\(invalid)>\(value)</textarea>"
        case .text, .number, .decimal, .date:
            let type = ["number": "number", "decimal": "number", "date": "date"][kind.rawValue] ?? "text"
            let step: HTML = kind == .decimal ? " step=\"any\"" : .empty
            control = "<input id=\"\(id)\" name=\"\(name)\" type=\"\(type)\" value=\"\(value)\"\(step)\(requiredAttribute)\(invalid)>"
        }
        return "<div class=\"field\"><label for=\"\(id)\">\(label)</label>\(control)\(error)</div>"
    }
}
