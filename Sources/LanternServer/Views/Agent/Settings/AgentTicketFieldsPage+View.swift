import LanternCore
import Vapor

extension AgentTicketFieldsPage {
    var title: String { "Ticket fields" }

    var errorMessage: String? { FormErrorSummary.text(errors) }

    var content: HTML {
        let editing = form.editingID
        let action = editing.map { "/agent/settings/ticket-fields/\($0)" } ?? "/agent/settings/ticket-fields"
        let kinds = CustomFieldKind.allCases.map { (value: $0.rawValue, label: Self.kindLabel($0)) }
        return """
            <h1>Settings › Ticket fields</h1>
            <section class="card">
            <p>Custom fields (<code>cf_…</code>) that tickets carry beside their status, priority and type. Customers fill in the
            ones marked "shown to customers" in the widget's contact form and on <code>/support/tickets/new</code>; agents edit them
            on each ticket. The API reads and changes them at <code>/api/v2/ticket_fields</code>.</p>
            \(rows.isEmpty ? HTML("<p class=\"muted\">No custom fields yet.</p>") : """
                <table><thead><tr><th>Label</th><th>Name</th><th>Type</th><th>Shown to customers</th><th>Required</th></tr></thead><tbody>
                \(rows.html { row in """
                    <tr><td><a href="/agent/settings/ticket-fields/\(row.id)">\(row.label)</a></td><td><code>\(row.name)</code></td>\
                    <td>\(row.kind)</td><td>\(row.customersCanEdit ? "Yes" : "No")</td><td>\(row.requiredForCustomers ? "Yes" : "No")</td></tr>
                    """ })
                </tbody></table>
                """)
            </section>
            <section class="card"><h2>\(editing == nil ? "New field" : "Field \(form.name)")</h2>
            \(PortalLayout.form(action: action, csrf: csrf, """
                \(PortalLayout.field("Label", name: "label", value: form.label, required: true))
                \(editing == nil ? PortalLayout.field("Name (cf_ and lower-case letters, digits or underscores; made from the label when empty)",
                                                      name: "name", value: form.name) : .empty)
                \(editing == nil ? PortalLayout.select("Type", name: "type", options: kinds, selected: form.kind)
                                 : HTML("<p>Type: \(Self.kindLabel(CustomFieldKind(rawValue: form.kind) ?? .text))</p>"))
                \(form.labels.html { PortalLayout.field("Label in \($0.language)", name: "labels[\($0.language)]", value: $0.label) })
                \(PortalLayout.checkbox("Shown to customers (the contact forms)", name: "customers_can_edit", checked: form.customersCanEdit))
                \(PortalLayout.checkbox("Required for customers", name: "required_for_customers", checked: form.requiredForCustomers))
                <div class="field"><label for="f-choices">Choices of a dropdown, one per line</label>
                <textarea id="f-choices" name="choices" rows="5">\(form.choices)</textarea></div>
                \(PortalLayout.field("Position (order in the forms)", name: "position", value: form.position, type: "number"))
                <div class="actions"><button type="submit">\(editing == nil ? "Add field" : "Save field")</button></div>
                """))
            \(editing.map { id in PortalLayout.form(action: "/agent/settings/ticket-fields/\(id)/delete", csrf: csrf, class: "inline", """
                <button type="submit" class="danger">Delete field</button> <small>Tickets keep the values they have.</small>
                """) } ?? .empty)
            </section>
            """
    }

    static func kindLabel(_ kind: CustomFieldKind) -> String {
        switch kind {
        case .text: "Single-line text"
        case .paragraph: "Paragraph"
        case .number: "Whole number"
        case .decimal: "Decimal"
        case .checkbox: "Checkbox"
        case .dropdown: "Dropdown"
        case .date: "Date"
        }
    }

    func render(_ agent: PortalSessionService.SignedInAgent) -> Response {
        AgentPage.render(agent, title: title, section: .ticketFields, flash: flash, error: errorMessage,
                         status: errors.isEmpty ? .ok : .unprocessableEntity, content)
    }
}
