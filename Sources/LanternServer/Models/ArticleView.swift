import Fluent

/// That a visitor (by keyed hash) viewed an article on a day (`YYYY-MM-DD`, UTC): `ArticleViewService` counts one
/// hit per row. Rows of earlier days are removed as new views come.
final class ArticleView: Model, @unchecked Sendable {
    static let schema = "article_views"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "article_id") var articleID: Int
    @Field(key: "visitor_hash") var visitorHash: String
    @Field(key: "day") var day: String

    init() {}
}
