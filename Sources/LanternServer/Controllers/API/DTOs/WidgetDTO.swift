import Foundation
import Vapor

/// `/api/v2/widgets` resources; `default_language` is always present (`null`: the account's default language).
struct WidgetDTO: Content {
    struct ContactForm: Content {
        let enabled: Bool
        let logged_in_only: Bool
        let priority: Bool
        let type: Bool
    }

    let id: Int
    let name: String
    let category_ids: [Int]
    let default_language: String?
    let contact_form: ContactForm
    let allowed_origins: [String]
    let freshdesk_widget_id: Int?
    let article_feedback_tickets: Bool
    let created_at: Date?
    let updated_at: Date?

    enum CodingKeys: String, CodingKey {
        case id, name, category_ids, default_language, contact_form, allowed_origins, freshdesk_widget_id, created_at, updated_at
        case article_feedback_tickets
    }

    init(_ widget: Widget, categoryIDs: [Int]) throws {
        id = try widget.requireID()
        name = widget.name
        category_ids = categoryIDs
        default_language = widget.defaultLanguage
        contact_form = ContactForm(enabled: widget.contactFormEnabled, logged_in_only: widget.contactFormLoggedInOnly,
                                   priority: widget.contactFormPriority, type: widget.contactFormType)
        allowed_origins = widget.allowedOrigins
        freshdesk_widget_id = widget.freshdeskWidgetID
        article_feedback_tickets = widget.articleFeedbackTickets
        created_at = widget.createdAt
        updated_at = widget.updatedAt
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(category_ids, forKey: .category_ids)
        try container.encode(default_language, forKey: .default_language)
        try container.encode(contact_form, forKey: .contact_form)
        try container.encode(allowed_origins, forKey: .allowed_origins)
        try container.encode(freshdesk_widget_id, forKey: .freshdesk_widget_id)
        try container.encode(article_feedback_tickets, forKey: .article_feedback_tickets)
        try container.encode(created_at, forKey: .created_at)
        try container.encode(updated_at, forKey: .updated_at)
    }
}
