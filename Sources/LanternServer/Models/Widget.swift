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
        self.articleFeedbackTickets = false
    }
}
