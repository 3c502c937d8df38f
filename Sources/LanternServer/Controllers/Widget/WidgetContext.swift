import LanternCore
import Vapor

/// A widget request's widget, caller and language.
struct WidgetContext: Sendable {
    let widget: WidgetRecord
    let signedIn: WidgetSignedIn?
    let scope: ReadingScope

    /// Loads the widget named in the path (one query, none while an SQLite file is unchanged since it was read)
    /// and, when `checksSession` and a Bearer session is sent, checks it (401 if it is not valid).
    static func load(_ request: Request, checksSession: Bool) async throws -> WidgetContext {
        let widgetID = try request.widgetID()
        let db = request.db
        let found = if let cache = request.application.widgetRecords {
            try await cache.value(for: widgetID) { try await WidgetRecord.find(widgetID, on: db) }
        } else {
            try await WidgetRecord.find(widgetID, on: db)
        }
        guard let widget = found else { throw AppError.widgetNotFound }
        var signedIn: WidgetSignedIn? = nil
        if checksSession, let token = request.headers.bearerAuthorization?.token {
            signedIn = try await WidgetSessionService.authenticate(token: token, accountID: widget.accountID, on: request.db)
        }
        let language = LanguageResolver(supported: widget.accountLanguages, accountDefault: widget.accountDefaultLanguage)
            .resolve(locale: request.queryText("locale"), contactLanguage: signedIn?.contact.language,
                     widgetDefault: widget.defaultLanguage)
        let scope = ReadingScope(accountID: widget.accountID, categoryIDs: widget.categoryIDs,
                                 viewer: signedIn?.viewer ?? .anonymous, language: language,
                                 accountLanguages: widget.accountLanguages)
        return WidgetContext(widget: widget, signedIn: signedIn, scope: scope)
    }
}
