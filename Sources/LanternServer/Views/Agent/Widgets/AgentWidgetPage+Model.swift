/// `/agent/widgets/:id` (admins): the widget's embed code and its settings form (linked categories, contact form,
/// default language, allowed origins), filled with what is stored or, after a refused post, with what was sent.
struct AgentWidgetPage: Sendable {
    /// A category the widget may show.
    struct CategoryChoice: Sendable {
        let id: Int
        let name: String
        let isLinked: Bool
    }

    let id: Int
    /// The widget's name as stored (the title).
    let widgetName: String
    let csrf: String
    /// `scheme://host` the embed code loads the widget from.
    let embedScheme: String
    let embedHost: String
    let name: String
    let categories: [CategoryChoice]
    let contactFormEnabled: Bool
    let contactFormLoggedInOnly: Bool
    /// The chosen default language; empty for the account's.
    let defaultLanguage: String
    let accountDefaultLanguage: String
    /// The account's languages.
    let languages: [String]
    /// The allowed origins, one per line.
    let allowedOrigins: String
    /// Whether customers choose the priority / the type in the contact form.
    var contactFormPriority = false
    var contactFormType = false
    /// The replaced Freshdesk widget's id, as typed; empty for none.
    var freshdeskWidgetID = ""
    /// Whether not-helpful answers of signed-in customers become "Article feedback" tickets.
    var articleFeedbackTickets = false
    var flash: String? = nil
    /// Problems with the form that was sent, by field.
    var errors: [String: String] = [:]
}
