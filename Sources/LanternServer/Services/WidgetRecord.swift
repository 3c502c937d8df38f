import Fluent
import SQLKit

/// A widget and the parts of its account that widget requests need, read in one query.
struct WidgetRecord: Sendable {
    let id: Int
    let accountID: Int
    let name: String
    let defaultLanguage: String?
    let contactFormEnabled: Bool
    let contactFormLoggedInOnly: Bool
    /// Whether the contact form lets customers choose the priority / the type.
    let contactFormPriority: Bool
    let contactFormType: Bool
    let allowedOrigins: [String]
    /// Whether not-helpful answers of signed-in customers become "Article feedback" tickets.
    let articleFeedbackTickets: Bool
    /// The linked categories; empty means all of the account's categories.
    let categoryIDs: [Int]
    let accountName: String
    let accountDefaultLanguage: String
    let accountLanguages: [String]
    /// The account's `search_version`, which picks the in-memory search index that is up to date.
    let searchVersion: Int64

    /// The widget whose id is `id`, else the one whose `freshdesk_widget_id` is `id` (a Freshdesk embed's id).
    static func find(_ id: Int, on db: any Database) async throws -> WidgetRecord? {
        let categories: SQLQueryString = db.isSQLite ? "group_concat(category_id)" : "string_agg(category_id::text, ',')"
        guard let row = try await db.sql.raw("""
            SELECT w.id, w.account_id, w.name, w.default_language, w.contact_form_enabled, w.contact_form_logged_in_only,
                   w.contact_form_priority, w.contact_form_type, w.allowed_origins, w.article_feedback_tickets,
                   a.name AS account_name, a.default_language AS account_default_language,
                   a.supported_languages, a.search_version, (SELECT \(categories) FROM widget_categories c WHERE c.widget_id = w.id) AS category_ids
            FROM widgets w JOIN accounts a ON a.id = w.account_id
            WHERE w.id = COALESCE((SELECT id FROM widgets WHERE id = \(bind: id)),
                                  (SELECT id FROM widgets WHERE freshdesk_widget_id = \(bind: id)))
            """).first() else { return nil }
        let categoryIDs = try row.decode(column: "category_ids", as: String?.self)?.split(separator: ",").compactMap { Int($0) } ?? []
        return WidgetRecord(
            id: try row.decode(column: "id", as: Int.self), accountID: try row.decode(column: "account_id", as: Int.self), name: try row.decode(column: "name", as: String.self),
            defaultLanguage: try row.decode(column: "default_language", as: String?.self),
            contactFormEnabled: try row.decode(column: "contact_form_enabled", as: Bool.self),
            contactFormLoggedInOnly: try row.decode(column: "contact_form_logged_in_only", as: Bool.self),
            contactFormPriority: try row.decode(column: "contact_form_priority", as: Bool.self),
            contactFormType: try row.decode(column: "contact_form_type", as: Bool.self),
            allowedOrigins: try row.decode(column: "allowed_origins", as: [String].self),
            articleFeedbackTickets: try row.decode(column: "article_feedback_tickets", as: Bool.self),
            categoryIDs: categoryIDs.sorted(),
            accountName: try row.decode(column: "account_name", as: String.self),
            accountDefaultLanguage: try row.decode(column: "account_default_language", as: String.self),
            accountLanguages: try row.decode(column: "supported_languages", as: [String].self),
            searchVersion: try row.decode(column: "search_version", as: Int64.self))
    }
}
