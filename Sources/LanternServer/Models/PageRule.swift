import Fluent

/// One of a widget's page rules: pages whose address matches `pattern` (by `match`: prefix, glob or regex) are
/// offered up to five articles, or the results of a search. The first matching rule, by `position`, wins.
final class PageRule: Model, @unchecked Sendable {
    static let schema = "widget_page_rules"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "widget_id") var widgetID: Int
    /// 0 for the first rule.
    @Field(key: "position") var position: Int
    /// A `PagePattern.Kind`.
    @Field(key: "match") var match: String
    @Field(key: "pattern") var pattern: String
    /// The articles in order, comma-separated; empty for a search rule.
    @Field(key: "article_ids") var articleIDsText: String
    /// The search phrase of a search rule.
    @OptionalField(key: "search") var search: String?

    var articleIDs: [Int] { articleIDsText.split(separator: ",").compactMap { Int($0) } }

    init() {}

    init(widgetID: Int, position: Int, match: String, pattern: String, articleIDs: [Int], search: String?) {
        self.widgetID = widgetID
        self.position = position
        self.match = match
        self.pattern = pattern
        self.articleIDsText = articleIDs.map(String.init).joined(separator: ",")
        self.search = search
    }
}
