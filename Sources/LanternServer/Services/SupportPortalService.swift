import Fluent
import LanternCore

/// What the customer portal (`/support`) needs besides the knowledge base itself (`KnowledgeBaseReader`): the
/// portal's widget and account, what a visitor may read and in which language, and the customer's preferences.
enum SupportPortalService {
    /// The widget whose account, categories and default language the portal serves: `configuredID`
    /// (`LANTERN_SUPPORT_WIDGET`), or else the oldest widget of the oldest account. `nil` when there is none.
    static func portalWidget(configuredID: Int?, on db: any Database) async throws -> (widget: Widget, account: Account)? {
        let widget: Widget?
        if let configuredID {
            widget = try await Widget.find(configuredID, on: db)
        } else {
            widget = try await Widget.query(on: db).sort(\.$accountID).sort(\.$id).first()
        }
        guard let widget, let account = try await Account.find(widget.accountID, on: db) else { return nil }
        return (widget, account)
    }

    /// What a visitor reads through `widget`, exactly as the widget would show it: the widget's categories, the
    /// folders the customer's companies open (public ones for an anonymous visitor), in the language chosen from
    /// `locale`, the customer's preference and the widget's default.
    static func readingScope(widget: Widget, account: Account, customer: PortalSessionService.SignedInCustomer?,
                             locale: String?, on db: any Database) async throws -> ReadingScope {
        let categoryIDs = try await WidgetCategory.query(on: db).filter(\.$widgetID == widget.requireID()).all().map(\.categoryID)
        let language = LanguageResolver(supported: account.supportedLanguages, accountDefault: account.defaultLanguage)
            .resolve(locale: locale, contactLanguage: customer?.contact.language, widgetDefault: widget.defaultLanguage)
        return ReadingScope(accountID: try account.requireID(), categoryIDs: categoryIDs, viewer: customer?.viewer ?? .anonymous,
                            language: language, accountLanguages: account.supportedLanguages)
    }

    /// Sets a customer's preferred language: one of `supported`, or none for an empty `language`. Throws
    /// `AppError.validation` for any other language; returns `false` when the contact no longer exists.
    static func setPreferredLanguage(_ language: String, contactID: Int, supported: [String], on db: any Database) async throws -> Bool {
        var preferred: String? = nil
        if !language.isEmpty {
            var errors = FieldErrors()
            preferred = errors.language(language, "language", supported: supported)
            try errors.throwIfAny()
        }
        guard let contact = try await Contact.find(contactID, on: db) else { return false }
        contact.language = preferred
        try await contact.save(on: db)
        return true
    }
}
