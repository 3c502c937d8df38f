import Fluent
import Foundation
import LanternCore

/// An account's custom ticket fields: defined by admins (the API and the agent portal's settings), filled in by
/// customers in the contact forms and by agents on tickets.
enum CustomTicketFieldService {
    static let maximumCount = 100

    /// The account's fields, in order.
    static func all(accountID: Int, on db: any Database) async throws -> [CustomTicketField] {
        try await CustomTicketField.query(on: db).filter(\.$accountID == accountID)
            .sort(\.$position).sort(\.$id).all()
    }

    /// The fields customers fill in (the contact forms show them), in order.
    static func customerFields(accountID: Int, on db: any Database) async throws -> [CustomTicketField] {
        try await all(accountID: accountID, on: db).filter(\.customersCanEdit)
    }

    /// The field of this API id in the account, or 404 `ticket_field_not_found`.
    static func find(apiID: Int, accountID: Int, on db: any Database) async throws -> CustomTicketField {
        guard apiID > CustomTicketField.apiIDOffset,
              let field = try await CustomTicketField.find(apiID - CustomTicketField.apiIDOffset, inAccount: accountID, on: db)
        else { throw AppError.ticketFieldNotFound }
        return field
    }

    /// Creates a field, or throws 422 `validation_failed`: a label and a type are required; the name is `cf_…`
    /// (made from the label when not given) and unique in the account; a dropdown needs choices.
    static func create(accountID: Int, _ input: CustomTicketFieldInput, languages: [String],
                       on db: any Database) async throws -> CustomTicketField {
        var errors = FieldErrors()
        let field = CustomTicketField(accountID: accountID)
        let count = try await CustomTicketField.query(on: db).filter(\.$accountID == accountID).count()
        if count >= maximumCount { errors.add("name", "an account has at most \(maximumCount) custom fields") }
        if input.label == nil { errors.add("label", "is required") }
        if input.type == nil { errors.add("type", "is required") }
        var named = input
        if named.name == nil, let label = input.label { named.name = suggestedName(label) }
        apply(named, to: field, creating: true, languages: languages, &errors)
        if !field.name.isEmpty, try await CustomTicketField.query(on: db).filter(\.$accountID == accountID)
            .filter(\.$name == field.name).first() != nil {
            errors.add("name", "is already taken")
        }
        try errors.throwIfAny()
        if input.position == nil {
            field.position = (try await CustomTicketField.query(on: db).filter(\.$accountID == accountID).max(\.$position) ?? 0) + 1
        }
        try await answeringDuplicate("name") { try await field.create(on: db) }
        return field
    }

    /// Changes what `input` gives, or throws 422 `validation_failed`; the name and the type never change (tickets
    /// keep their values under the name).
    static func update(_ field: CustomTicketField, _ input: CustomTicketFieldInput, languages: [String],
                       on db: any Database) async throws {
        var errors = FieldErrors()
        apply(input, to: field, creating: false, languages: languages, &errors)
        try errors.throwIfAny()
        try await field.save(on: db)
    }

    /// Deletes the field; tickets keep the values they had under its name, which the API still shows.
    static func delete(_ field: CustomTicketField, on db: any Database) async throws {
        try await field.delete(on: db)
    }

    /// Checks a ticket's custom field values: a customer's against the fields customers fill in (required ones
    /// included), an agent's against every field. Problems go to `errors`, keyed `custom_fields.cf_…`.
    static func values(_ given: [String: CustomFieldInput], accountID: Int, byCustomer: Bool,
                       _ errors: inout FieldErrors, on db: any Database) async throws -> [String: CustomFieldValue] {
        let fields = byCustomer ? try await customerFields(accountID: accountID, on: db) : try await all(accountID: accountID, on: db)
        switch CustomFieldRules.validate(given, fields: fields.map(\.definition), requireAll: byCustomer) {
        case .success(let values): return values
        case .failure(let problems):
            for (field, problem) in problems.messages { errors.add(field, problem) }
            return [:]
        }
    }

    /// `cf_` and the label in lower-case letters, digits and underscores (Freshdesk names its fields so).
    static func suggestedName(_ label: String) -> String {
        var name = ""
        for scalar in label.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) { name.unicodeScalars.append(scalar) }
            else if !name.hasSuffix("_") { name += "_" }
        }
        let trimmed = String(name.trimmingCharacters(in: CharacterSet(charactersIn: "_")).prefix(60))
        return "cf_" + (trimmed.isEmpty ? "field" : trimmed)
    }

    private static func apply(_ input: CustomTicketFieldInput, to field: CustomTicketField, creating: Bool,
                              languages: [String], _ errors: inout FieldErrors) {
        if let name = input.name {
            if creating {
                if CustomFieldRules.isValidName(name) { field.name = name }
                else { errors.add("name", "must be cf_ followed by 1 to 60 lower-case letters, digits or underscores") }
            } else if name != field.name {
                errors.add("name", "cannot be changed")
            }
        }
        if let label = errors.text(input.label, "label", required: false) { field.label = label }
        if let labels = input.labels {
            var cleaned: [String: String] = [:]
            for (language, label) in labels.sorted(by: { $0.key < $1.key }) {
                guard languages.contains(language) else {
                    errors.add("labels.\(language)", "is not one of the account's languages (\(languages.joined(separator: ", ")))")
                    continue
                }
                if let text = errors.text(label, "labels.\(language)", required: true) { cleaned[language] = text }
            }
            field.labels = cleaned
        }
        if let type = input.type {
            if let kind = CustomFieldKind(apiName: type) {
                if creating { field.kind = kind.rawValue }
                else if kind != field.fieldKind { errors.add("type", "cannot be changed") }
            } else {
                errors.add("type", "must be one of " + CustomFieldKind.allCases.map(\.freshdeskType).joined(separator: ", "))
            }
        }
        if let required = input.required_for_customers { field.requiredForCustomers = required }
        if let editable = input.customers_can_edit { field.customersCanEdit = editable }
        if let position = input.position {
            if (0...10_000).contains(position) { field.position = position } else { errors.add("position", "must be 0 to 10000") }
        }
        if let choices = input.choices {
            let values = choices.map { $0.value.trimmingCharacters(in: .whitespaces) }
            if values.count > CustomFieldRules.maximumChoices { errors.add("choices", "must be at most \(CustomFieldRules.maximumChoices) choices") }
            else if values.contains(where: { $0.isEmpty || $0.count > CustomFieldRules.maximumChoiceLength
                || $0.unicodeScalars.contains { FieldErrors.isControl($0, allowingLineBreaks: false) } }) {
                errors.add("choices", "each choice must be 1 to \(CustomFieldRules.maximumChoiceLength) characters without control characters")
            } else if Set(values).count != values.count { errors.add("choices", "must not repeat a choice") }
            else { field.choices = values }
        }
        let kind = field.kind.isEmpty ? nil : field.fieldKind
        if kind == .dropdown, field.choices.isEmpty, errors.fields["choices"] == nil, errors.fields["type"] == nil {
            errors.add("choices", "a dropdown needs at least one choice")
        }
        if kind != nil, kind != .dropdown, input.choices?.isEmpty == false { errors.add("choices", "only a dropdown has choices") }
        if field.requiredForCustomers && !field.customersCanEdit {
            errors.add("required_for_customers", "needs customers_can_edit: customers cannot fill in a field they do not see")
        }
    }
}
