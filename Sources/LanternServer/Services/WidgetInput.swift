/// What a widget is created or changed with: the JSON API's body, and what the portal's form fills in. `nil`
/// means "not given" (on create: the default); `default_language` tells absent (unchanged) from `null` (use the
/// account's default); `contact_form` may give only one of its settings; `category_ids` replaces the list.
struct WidgetInput: Decodable, Sendable {
    /// The contact form's settings; `nil` leaves one as it is.
    struct ContactForm: Decodable, Sendable {
        let enabled: Bool?
        let logged_in_only: Bool?
        /// Whether customers choose the ticket's priority / type in the form.
        var priority: Bool? = nil
        var type: Bool? = nil
    }

    let name: String?
    let category_ids: [Int]?
    let default_language: NullableField<String>
    let contact_form: ContactForm?
    let allowed_origins: [String]?
    /// The replaced Freshdesk widget's id; `null` removes it.
    let freshdesk_widget_id: NullableField<Int>
    /// Whether not-helpful answers of signed-in customers become "Article feedback" tickets.
    var article_feedback_tickets: Bool? = nil

    enum CodingKeys: String, CodingKey {
        case name, category_ids, default_language, contact_form, allowed_origins, freshdesk_widget_id
        case article_feedback_tickets
    }

    init(name: String?, category_ids: [Int]? = nil, default_language: NullableField<String> = .absent,
         contact_form: ContactForm? = nil, allowed_origins: [String]? = nil,
         freshdesk_widget_id: NullableField<Int> = .absent) {
        self.name = name
        self.category_ids = category_ids
        self.default_language = default_language
        self.contact_form = contact_form
        self.allowed_origins = allowed_origins
        self.freshdesk_widget_id = freshdesk_widget_id
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        category_ids = try container.decodeIfPresent([Int].self, forKey: .category_ids)
        default_language = try container.decodeNullable(String.self, forKey: .default_language)
        contact_form = try container.decodeIfPresent(ContactForm.self, forKey: .contact_form)
        allowed_origins = try container.decodeIfPresent([String].self, forKey: .allowed_origins)
        freshdesk_widget_id = try container.decodeNullable(Int.self, forKey: .freshdesk_widget_id)
        article_feedback_tickets = try container.decodeIfPresent(Bool.self, forKey: .article_feedback_tickets)
    }
}
