/// What an article or one of its translations is created or changed with: the JSON API's body, and what the
/// portal's editor fills in. `nil` (or `.absent`) means "not given"; `description` is HTML (sanitised by
/// `ArticleStore`) and `status` an `Article.Status` code; `publish_at` / `unpublish_at` are ISO 8601 times or `null`
/// (no schedule); `base_revision` is the revision the change started from (`409 edit_conflict` if someone else saved
/// after it).
struct ArticleInput: Decodable, Sendable {
    var title: String? = nil
    var description: String? = nil
    var status: Int? = nil
    var tags: [String]? = nil
    var folder_id: Int? = nil
    var language: String? = nil
    var publish_at: NullableField<String> = .absent
    var unpublish_at: NullableField<String> = .absent
    var base_revision: Int? = nil
    /// The author: an agent of the account (on create, the API key's agent unless given).
    var agent_id: Int? = nil
    /// 1 permanent, 2 workaround.
    var type: Int? = nil
    /// The translation's `meta_title`, `meta_description`, `meta_keywords`; an empty text removes one.
    var seo_data: SEOData? = nil

    struct SEOData: Decodable, Sendable {
        let meta_title: String?
        let meta_description: String?
        let meta_keywords: String?
    }

    init(title: String? = nil, description: String? = nil, status: Int? = nil, tags: [String]? = nil, folder_id: Int? = nil,
         language: String? = nil, publish_at: NullableField<String> = .absent, unpublish_at: NullableField<String> = .absent,
         base_revision: Int? = nil, agent_id: Int? = nil, type: Int? = nil, seo_data: SEOData? = nil) {
        self.title = title
        self.description = description
        self.status = status
        self.tags = tags
        self.folder_id = folder_id
        self.language = language
        self.publish_at = publish_at
        self.unpublish_at = unpublish_at
        self.base_revision = base_revision
        self.agent_id = agent_id
        self.type = type
        self.seo_data = seo_data
    }

    private enum CodingKeys: String, CodingKey {
        case title, description, status, tags, folder_id, language, publish_at, unpublish_at, base_revision, agent_id, type, seo_data
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        status = try container.decodeIfPresent(Int.self, forKey: .status)
        tags = try container.decodeIfPresent([String].self, forKey: .tags)
        folder_id = try container.decodeIfPresent(Int.self, forKey: .folder_id)
        language = try container.decodeIfPresent(String.self, forKey: .language)
        publish_at = try container.decodeNullable(String.self, forKey: .publish_at)
        unpublish_at = try container.decodeNullable(String.self, forKey: .unpublish_at)
        base_revision = try container.decodeIfPresent(Int.self, forKey: .base_revision)
        agent_id = try container.decodeIfPresent(Int.self, forKey: .agent_id)
        type = try container.decodeIfPresent(Int.self, forKey: .type)
        seo_data = try container.decodeIfPresent(SEOData.self, forKey: .seo_data)
    }
}
