import Foundation
import LanternCore
import Vapor

/// `/api/v2/solutions/articles` resources, in one language (`language`).
struct ArticleDTO: Content {
    let id: Int
    let category_id: Int
    let folder_id: Int
    let title: String
    /// Sanitised HTML.
    let description: String
    let description_text: String
    let status: Int
    let tags: [String]
    let language: String
    let primary_language: String
    /// Every language the article exists in, the primary one included.
    let languages: [String]
    let thumbs_up: Int
    let thumbs_down: Int
    /// Views from the widget and `/support`, one per visitor and article per day.
    let hits: Int
    /// The author, and Freshdesk's article type (1 permanent, 2 workaround).
    let agent_id: Int?
    let type: Int
    /// The translation's SEO texts.
    let seo_data: SEOData
    let created_at: Date?
    let updated_at: Date?
    /// When the scheduler publishes / unpublishes the article (`null`: not scheduled).
    let publish_at: JSONNullable<Date>
    let unpublish_at: JSONNullable<Date>
    /// With one article (not in lists): the waiting draft of this translation, and the number of the
    /// translation's latest revision (what to send back as `base_revision`).
    var draft: JSONNullable<DraftDTO>?
    var revision: Int?

    struct SEOData: Content {
        let meta_title: String?
        let meta_description: String?
        let meta_keywords: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(meta_title, forKey: .meta_title)
            try container.encode(meta_description, forKey: .meta_description)
            try container.encode(meta_keywords, forKey: .meta_keywords)
        }
    }

    /// A translation's waiting draft.
    struct DraftDTO: Content {
        let title: String
        let description: String
        let updated_at: Date?
        let agent_id: JSONNullable<Int>
        /// The number of the revision the draft is.
        let revision: Int

        init(_ draft: ArticleDraft) {
            title = draft.title
            description = draft.description
            updated_at = draft.updatedAt
            agent_id = JSONNullable(draft.agentID)
            revision = draft.revision
        }
    }

    init(_ article: Article, categoryID: Int, translation: ArticleTranslation, languages: [String]) throws {
        id = try article.requireID()
        category_id = categoryID
        folder_id = article.folderID
        title = translation.title
        description = translation.description
        description_text = HTMLSanitizer.plainText(translation.description)
        // A translation has its own status; the primary version's is the article's.
        status = translation.language == article.primaryLanguage ? article.statusCode : translation.statusCode
        tags = article.tags
        language = translation.language
        primary_language = article.primaryLanguage
        self.languages = languages
        thumbs_up = article.thumbsUp
        hits = article.hits
        thumbs_down = article.thumbsDown
        agent_id = article.agentID
        type = article.articleType
        seo_data = SEOData(meta_title: translation.metaTitle, meta_description: translation.metaDescription,
                           meta_keywords: translation.metaKeywords)
        created_at = article.createdAt
        updated_at = max(article.updatedAt ?? .distantPast, translation.updatedAt ?? .distantPast)
        publish_at = JSONNullable(article.publishAt)
        unpublish_at = JSONNullable(article.unpublishAt)
    }

    /// `agent_id` is sent as `null` when the article has no author, as in Freshdesk's API; `draft` and `revision`
    /// only with one article.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(category_id, forKey: .category_id)
        try container.encode(folder_id, forKey: .folder_id)
        try container.encode(title, forKey: .title)
        try container.encode(description, forKey: .description)
        try container.encode(description_text, forKey: .description_text)
        try container.encode(status, forKey: .status)
        try container.encode(tags, forKey: .tags)
        try container.encode(language, forKey: .language)
        try container.encode(primary_language, forKey: .primary_language)
        try container.encode(languages, forKey: .languages)
        try container.encode(thumbs_up, forKey: .thumbs_up)
        try container.encode(thumbs_down, forKey: .thumbs_down)
        try container.encode(hits, forKey: .hits)
        try container.encode(agent_id, forKey: .agent_id)
        try container.encode(type, forKey: .type)
        try container.encode(seo_data, forKey: .seo_data)
        try container.encodeIfPresent(created_at, forKey: .created_at)
        try container.encodeIfPresent(updated_at, forKey: .updated_at)
        try container.encode(publish_at, forKey: .publish_at)
        try container.encode(unpublish_at, forKey: .unpublish_at)
        try container.encodeIfPresent(draft, forKey: .draft)
        try container.encodeIfPresent(revision, forKey: .revision)
    }
}
