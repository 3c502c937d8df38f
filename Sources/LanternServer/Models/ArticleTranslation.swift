import Fluent
import Foundation
import LanternCore

/// An article's title and HTML body in one language.
final class ArticleTranslation: Model, @unchecked Sendable {
    static let schema = "article_translations"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    @Field(key: "article_id") var articleID: Int
    @Field(key: "language") var language: String
    @Field(key: "title") private(set) var title: String
    /// The article body as (sanitised) HTML.
    @Field(key: "description") private(set) var description: String
    /// The body's visible text, for snippets.
    @Field(key: "body_text") private(set) var bodyText: String
    /// Title and body folded for search (lower case, no diacritics); the search index reads these columns.
    @Field(key: "search_title") private(set) var searchTitle: String
    @Field(key: "search_body") private(set) var searchBody: String
    /// Freshdesk's `seo_data`: what `/support` puts in the page's title, description and keywords.
    /// The translation's own status (`Article.Status`); a draft translation is never served. The primary
    /// translation's is always published: the article's status is the primary version's.
    @Field(key: "status") var statusCode: Int
    @OptionalField(key: "meta_title") var metaTitle: String?
    @OptionalField(key: "meta_description") var metaDescription: String?
    @OptionalField(key: "meta_keywords") var metaKeywords: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(accountID: Int, articleID: Int, language: String, title: String, description: String) {
        self.accountID = accountID
        self.articleID = articleID
        self.language = language
        self.statusCode = Article.Status.published.rawValue
        setContent(title: title, description: description)
    }

    /// Sets the title and (sanitised) HTML body, and the text the search index and snippets use.
    func setContent(title: String? = nil, description: String? = nil) {
        if let title {
            self.title = title
            searchTitle = SearchText.fold(title)
        }
        if let description {
            self.description = description
            bodyText = HTMLSanitizer.plainText(description)
            searchBody = SearchText.fold(bodyText)
        }
    }
}
