import Fluent
import Foundation

/// An embeddable help widget: which categories it shows, its contact form and where it may be embedded.
final class Widget: Model, @unchecked Sendable {
    static let schema = "widgets"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    @Field(key: "name") var name: String
    @OptionalField(key: "default_language") var defaultLanguage: String?
    @Field(key: "contact_form_enabled") var contactFormEnabled: Bool
    @Field(key: "contact_form_logged_in_only") var contactFormLoggedInOnly: Bool
    /// Origins allowed to embed the widget (`*` wildcards for a subdomain or port); empty means anywhere.
    @Field(key: "allowed_origins") var allowedOrigins: [String]
    /// The id of the Freshdesk widget this one replaces: `/widgets/{id}.js` and `fwSettings.widget_id` may name it.
    @OptionalField(key: "freshdesk_widget_id") var freshdeskWidgetID: Int?
    /// Whether the contact form lets customers choose the ticket's priority / its type.
    @Field(key: "contact_form_priority") var contactFormPriority: Bool
    @Field(key: "contact_form_type") var contactFormType: Bool
    /// Whether a not-helpful answer from a signed-in customer becomes a ticket of type "Article feedback".
    @Field(key: "article_feedback_tickets") var articleFeedbackTickets: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(accountID: Int, name: String, defaultLanguage: String?, contactFormEnabled: Bool = true,
         contactFormLoggedInOnly: Bool = false, allowedOrigins: [String] = []) {
        self.accountID = accountID
        self.name = name
        self.defaultLanguage = defaultLanguage
        self.contactFormEnabled = contactFormEnabled
        self.contactFormLoggedInOnly = contactFormLoggedInOnly
        self.allowedOrigins = allowedOrigins
        self.contactFormPriority = false
        self.contactFormType = false
        self.articleFeedbackTickets = false
    }
}
