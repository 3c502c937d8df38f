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
    }
}
