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
    let created_at: Date?
    let updated_at: Date?
    /// When the scheduler publishes / unpublishes the article (`null`: not scheduled).
    let publish_at: JSONNullable<Date>
    let unpublish_at: JSONNullable<Date>
    /// With one article (not in lists): the waiting draft of this translation, and the number of the
    /// translation's latest revision (what to send back as `base_revision`).
    var draft: JSONNullable<DraftDTO>?
    var revision: Int?

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
        status = article.statusCode
        tags = article.tags
        language = translation.language
        primary_language = article.primaryLanguage
        self.languages = languages
        thumbs_up = article.thumbsUp
        thumbs_down = article.thumbsDown
        created_at = article.createdAt
        updated_at = max(article.updatedAt ?? .distantPast, translation.updatedAt ?? .distantPast)
        publish_at = JSONNullable(article.publishAt)
        unpublish_at = JSONNullable(article.unpublishAt)
    }
}
