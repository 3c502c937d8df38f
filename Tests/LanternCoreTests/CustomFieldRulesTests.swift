import Foundation
import LanternCore
import Testing

/// Custom ticket fields' names and values: what a contact form and the API accept, by kind.
@Suite("Custom field rules")
struct CustomFieldRulesTests {
    let fields = [
        CustomFieldDefinition(name: "cf_order", kind: .number, required: true),
        CustomFieldDefinition(name: "cf_amount", kind: .decimal, required: false),
        CustomFieldDefinition(name: "cf_plan", kind: .dropdown, required: false, choices: ["Free", "Pro"]),
        CustomFieldDefinition(name: "cf_vip", kind: .checkbox, required: false),
        CustomFieldDefinition(name: "cf_due", kind: .date, required: false),
        CustomFieldDefinition(name: "cf_note", kind: .text, required: false),
        CustomFieldDefinition(name: "cf_story", kind: .paragraph, required: false),
    ]

    @Test("Names are cf_ and 1 to 60 lower-case letters, digits or underscores")
    func names() {
        for good in ["cf_a", "cf_order_number", "cf_" + String(repeating: "x", count: 60), "cf_2fa"] { #expect(CustomFieldRules.isValidName(good), "\(good)") }
        for bad in ["cf_", "order", "CF_a", "cf_A", "cf_é", "cf_a-b", "cf_" + String(repeating: "x", count: 61), "cf_a b"] {
            #expect(!CustomFieldRules.isValidName(bad), "\(bad)")
        }
    }

    @Test("Kinds are named as Freshdesk names them or shortly")
    func kinds() {
        #expect(CustomFieldKind(apiName: "custom_dropdown") == .dropdown)
        #expect(CustomFieldKind(apiName: "date") == .date)
        #expect(CustomFieldKind(apiName: "custom_colour") == nil)
        #expect(CustomFieldKind.text.freshdeskType == "custom_text")
    }

    @Test("Values from JSON and from forms become typed values; wrong ones are refused by field")
    func values() throws {
        let given: [String: CustomFieldInput] = [
            "cf_order": .text(" 1042 "), "cf_amount": .number(12.5, literal: "12.5"), "cf_plan": .text("Pro"),
            "cf_vip": .text("on"), "cf_due": .text("2028-02-29"), "cf_note": .text("  hi  "), "cf_story": .text("a\nb"),
        ]
        let values = try CustomFieldRules.validate(given, fields: fields).get()
        #expect(values == ["cf_order": .number(1042), "cf_amount": .decimal(12.5), "cf_plan": .text("Pro"), "cf_vip": .checkbox(true),
                           "cf_due": .text("2028-02-29"), "cf_note": .text("hi"), "cf_story": .text("a\nb")])
        let wrong: [String: CustomFieldInput] = [
            "cf_order": .number(1.5, literal: "1.5"), "cf_amount": .text("1e5"), "cf_plan": .text("Gold"), "cf_vip": .number(1, literal: "1"),
            "cf_due": .text("2027-02-29"), "cf_note": .text("two\nlines"), "cf_story": .other, "cf_nope": .text("x"),
        ]
        guard case .failure(let problems) = CustomFieldRules.validate(wrong, fields: fields) else {
            Issue.record("wrong values were accepted")
            return
        }
        #expect(Set(problems.messages.keys) == Set((fields.map(\.name) + ["cf_nope"]).map { "custom_fields.\($0)" }))
    }

    @Test("A required field needs a value from customers; agents (requireAll false) may leave it; null and blank are no value")
    func required() {
        guard case .failure(let problems) = CustomFieldRules.validate(["cf_order": .text("  ")], fields: fields) else {
            Issue.record("a blank required field was accepted")
            return
        }
        #expect(problems.messages == ["custom_fields.cf_order": "is required"])
        #expect((try? CustomFieldRules.validate(["cf_order": .null], fields: fields, requireAll: false).get()) == [:])
    }

    @Test("Dates are real calendar dates")
    func dates() {
        for good in ["2024-02-29", "2000-02-29", "1999-12-31"] { #expect(CustomFieldRules.isDate(good), "\(good)") }
        for bad in ["1900-02-29", "2023-02-29", "2024-13-01", "2024-04-31", "24-01-01", "2024-1-01", "2024-01-00", "２０２４-01-01"] {
            #expect(!CustomFieldRules.isDate(bad), "\(bad)")
        }
    }

    @Test("Stored values encode as plain JSON values and read back")
    func coding() throws {
        let values: [String: CustomFieldValue] = ["a": .text("x"), "b": .number(3), "c": .decimal(2.5), "d": .checkbox(false)]
        let data = try JSONEncoder().encode(values)
        #expect(try JSONDecoder().decode([String: CustomFieldValue].self, from: data) == values)
        #expect(CustomFieldValue.decimal(3).text == "3")
    }
}
