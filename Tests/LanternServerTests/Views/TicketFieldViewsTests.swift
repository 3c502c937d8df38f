import Foundation
import Testing
@testable import LanternServer

/// The custom ticket field controls of the portals' forms and the agent portal's ticket fields page, rendered from
/// hand-made values.
@Suite("Ticket field views")
struct TicketFieldViewsTests {
    static let hostile = "<script>x</script>"
    static let escaped = "&lt;script&gt;x&lt;/script&gt;"

    @Test("Each kind renders its control with the value, escaped, and the problem beside it")
    func controls() {
        let dropdown = TicketFieldControl(name: "custom_fields[cf_plan]", label: "Plan \(Self.hostile)", kind: .dropdown, required: true,
                                          choices: [(value: "", label: "—"), (value: "Pro", label: "Pro \(Self.hostile)")], value: "Pro")
        let html = dropdown.html(problem: "must be one of the field's choices").description
        #expect(!html.contains(Self.hostile))
        #expect(html.contains("<label for=\"f-custom_fields-cf_plan\">Plan \(Self.escaped)</label>"))
        #expect(html.contains("<select id=\"f-custom_fields-cf_plan\" name=\"custom_fields[cf_plan]\" required aria-invalid=\"true\""))
        #expect(html.contains("<option value=\"Pro\" selected>Pro \(Self.escaped)</option>"))
        #expect(html.contains("must be one of the field&#39;s choices") || html.contains("must be one of the field's choices"))

        let box = TicketFieldControl(name: "custom_fields[cf_vip]", label: "VIP", kind: .checkbox, value: "true").html().description
        #expect(box.contains("<input type=\"checkbox\" id=\"f-custom_fields-cf_vip\" name=\"custom_fields[cf_vip]\" value=\"true\" checked>"))
        let number = TicketFieldControl(name: "custom_fields[cf_n]", label: "N", kind: .decimal, value: "\"1").html().description
        #expect(number.contains("type=\"number\" value=\"&quot;1\" step=\"any\""))
        let date = TicketFieldControl(name: "custom_fields[cf_d]", label: "D", kind: .date).html().description
        #expect(date.contains("type=\"date\""))
        let paragraph = TicketFieldControl(name: "custom_fields[cf_p]", label: "P", kind: .paragraph, value: Self.hostile).html().description
        #expect(paragraph.contains("<textarea id=\"f-custom_fields-cf_p\" name=\"custom_fields[cf_p]\" rows=\"4\">\(Self.escaped)</textarea>"))
        let priority = TicketFieldControl.priority(value: "3").html().description
        #expect(priority.contains("<option value=\"3\" selected>High</option>"))
    }

    @Test("The settings page lists the fields and edits one: no name or type to change, its translations, a delete button")
    func settingsPage() {
        var page = AgentTicketFieldsPage(csrf: "tok", rows: [.init(id: 1001, name: "cf_plan", label: "Plan \(Self.hostile)", kind: "Dropdown",
                                                                   requiredForCustomers: true, customersCanEdit: true)],
                                         form: .init(editingID: 1001, name: "cf_plan", label: "Plan", kind: "dropdown",
                                                     labels: [(language: "fr", label: "Formule \(Self.hostile)")], choices: "Free\nPro"))
        var html = page.content.description
        #expect(!html.contains(Self.hostile))
        #expect(html.contains("<a href=\"/agent/settings/ticket-fields/1001\">Plan \(Self.escaped)</a>"))
        #expect(html.contains("action=\"/agent/settings/ticket-fields/1001\""))
        #expect(html.contains("action=\"/agent/settings/ticket-fields/1001/delete\""))
        #expect(html.contains("name=\"labels[fr]\" type=\"text\" value=\"Formule \(Self.escaped)\""))
        #expect(!html.contains("name=\"name\"") && !html.contains("name=\"type\""))
        #expect(html.contains("<textarea id=\"f-choices\" name=\"choices\" rows=\"5\">Free\nPro</textarea>"))
        page.form = .init()
        html = page.content.description
        #expect(html.contains("action=\"/agent/settings/ticket-fields\""))
        #expect(html.contains("name=\"name\"") && html.contains("<select id=\"f-type\" name=\"type\">"))
        #expect(!html.contains("/delete"))
    }
}
