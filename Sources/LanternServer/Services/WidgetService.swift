import Fluent
import Foundation
import LanternCore

/// Widgets: which categories each shows, its contact form, its default language and where it may be embedded.
/// Creates, changes and lists them for the admin API and the agent portal.
enum WidgetService {
    static let maximumAllowedOrigins = 50

    /// The widget of this id in the account, if any.
    static func find(_ id: Int, accountID: Int, on db: any Database) async throws -> Widget? {
        try await Widget.find(id, inAccount: accountID, on: db)
    }

    /// A page of the account's widgets, by id.
    static func list(accountID: Int, page: PageRequest, on db: any Database) async throws -> Page<Widget> {
        let widgets = try await Widget.query(on: db).filter(\.$accountID == accountID)
            .sort(\.$id).offset(page.offset).limit(page.perPage + 1).all()
        return Page(fetched: widgets, request: page)
    }

    /// Every widget of the account, by id.
    static func all(accountID: Int, on db: any Database) async throws -> [Widget] {
        try await Widget.query(on: db).filter(\.$accountID == accountID).sort(\.$id).all()
    }

    /// Creates the widget and its category links, or throws 422 `validation_failed` (a name is required; the
    /// language must be one of `languages`). The contact form is on, for everyone, unless `input` says otherwise.
    static func create(accountID: Int, _ input: WidgetInput, languages: [String],
                       on db: any Database) async throws -> (widget: Widget, categoryIDs: [Int]) {
        var errors = FieldErrors()
        let name = errors.text(input.name, "name", required: true)
        let language = errors.nullableLanguage(input.default_language, "default_language", supported: languages)
        let categoryIDs = try await errors.ownedIDs(input.category_ids, of: SolutionCategory.self, "category_ids",
                                                    accountID: accountID, on: db) ?? []
        let origins = allowedOrigins(input.allowed_origins, &errors) ?? []
        let freshdeskID = try await freshdeskWidgetID(input.freshdesk_widget_id, of: nil, &errors, on: db)
        try errors.throwIfAny()
        let widget = Widget(accountID: accountID, name: name!, defaultLanguage: language ?? nil,
                            contactFormEnabled: input.contact_form?.enabled ?? true,
                            contactFormLoggedInOnly: input.contact_form?.logged_in_only ?? false,
                            allowedOrigins: origins)
        widget.articleFeedbackTickets = input.article_feedback_tickets ?? false
        if let freshdeskID { widget.freshdeskWidgetID = freshdeskID }
        widget.contactFormPriority = input.contact_form?.priority ?? false
        widget.contactFormType = input.contact_form?.type ?? false
        try await answeringDuplicate("freshdesk_widget_id") { try await db.writeTransaction { db in
            try await widget.create(on: db)
            try await replaceCategories(of: widget, with: categoryIDs, on: db)
        } }
        return (widget, categoryIDs)
    }

    /// Changes what `input` gives and keeps the rest, or throws 422 `validation_failed` and changes nothing. With
    /// `nameRequired` (a form that always has the field) a missing name is a problem rather than "unchanged";
    /// `problems` holds what the caller found wrong while reading the input (a form's category id that is not a
    /// number), reported with the rest.
    static func update(_ widget: Widget, _ input: WidgetInput, nameRequired: Bool = false,
                       problems: FieldErrors = FieldErrors(), languages: [String], on db: any Database) async throws {
        var errors = problems
        let name = errors.text(input.name, "name", required: nameRequired)
        let language = errors.nullableLanguage(input.default_language, "default_language", supported: languages)
        let categoryIDs = try await errors.ownedIDs(input.category_ids, of: SolutionCategory.self, "category_ids",
                                                    accountID: widget.accountID, on: db)
        let origins = allowedOrigins(input.allowed_origins, &errors)
        let freshdeskID = try await freshdeskWidgetID(input.freshdesk_widget_id, of: widget.id, &errors, on: db)
        try errors.throwIfAny()
        if let name { widget.name = name }
        if let freshdeskID { widget.freshdeskWidgetID = freshdeskID }
        if let language { widget.defaultLanguage = language }
        if let enabled = input.contact_form?.enabled { widget.contactFormEnabled = enabled }
        if let loggedInOnly = input.contact_form?.logged_in_only { widget.contactFormLoggedInOnly = loggedInOnly }
        if let priority = input.contact_form?.priority { widget.contactFormPriority = priority }
        if let type = input.contact_form?.type { widget.contactFormType = type }
        if let origins { widget.allowedOrigins = origins }
        if let feedbackTickets = input.article_feedback_tickets { widget.articleFeedbackTickets = feedbackTickets }
        try await answeringDuplicate("freshdesk_widget_id") { try await db.writeTransaction { db in
            try await widget.save(on: db)
            if let categoryIDs { try await replaceCategories(of: widget, with: categoryIDs, on: db) }
        } }
    }

    /// The sorted category ids of each of these widgets.
    static func categoryIDs(of widgetIDs: [Int], on db: any Database) async throws -> [Int: [Int]] {
        guard !widgetIDs.isEmpty else { return [:] }
        let links = try await WidgetCategory.query(on: db).filter(\.$widgetID ~~ widgetIDs).all()
        return Dictionary(grouping: links, by: \.widgetID).mapValues { $0.map(\.categoryID).sorted() }
    }

    /// The Freshdesk widget id to store (`.some(nil)` clears it), `nil` when absent or invalid: a positive number
    /// that no other widget uses, as its Freshdesk id or as its own id (which the loader would find first).
    private static func freshdeskWidgetID(_ field: NullableField<Int>, of widgetID: Int?, _ errors: inout FieldErrors,
                                          on db: any Database) async throws -> Int?? {
        switch field {
        case .absent: return nil
        case .null: return .some(nil)
        case .value(let id):
            guard id > 0 else {
                errors.add("freshdesk_widget_id", "must be a positive number (the id in Freshdesk's embed code)")
                return nil
            }
            let taken = try await Widget.query(on: db)
                .group(.or) { $0.filter(\.$freshdeskWidgetID == id).filter(\.$id == id) }
                .all().contains { $0.id != widgetID }
            guard !taken else {
                errors.add("freshdesk_widget_id", "is already taken")
                return nil
            }
            return .some(id)
        }
    }

    /// Normalised origin patterns (see `EmbedOrigin`), de-duplicated, at most 50; `nil` when absent or invalid.
    private static func allowedOrigins(_ raw: [String]?, _ errors: inout FieldErrors) -> [String]? {
        guard let raw else { return nil }
        var origins: [String] = []
        for entry in raw {
            guard let origin = EmbedOrigin(entry) else {
                errors.add("allowed_origins", "contains \"\(entry)\", which is not an origin such as https://help.example.com, "
                           + "https://*.example.com or http://localhost:* (scheme://host[:port], no path)")
                return nil
            }
            if !origins.contains(origin.description) { origins.append(origin.description) }
        }
        guard origins.count <= maximumAllowedOrigins else {
            errors.add("allowed_origins", "must list at most \(maximumAllowedOrigins) origins")
            return nil
        }
        return origins
    }

    private static func replaceCategories(of widget: Widget, with categoryIDs: [Int], on db: any Database) async throws {
        let widgetID = try widget.requireID()
        try await WidgetCategory.query(on: db).filter(\.$widgetID == widgetID).delete()
        for categoryID in categoryIDs {
            try await WidgetCategory(accountID: widget.accountID, widgetID: widgetID, categoryID: categoryID).create(on: db)
        }
    }
}
