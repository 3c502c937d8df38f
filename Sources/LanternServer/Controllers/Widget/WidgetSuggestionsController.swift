import LanternCore
import Vapor

/// `GET /widget/v1/widgets/{widget_id}/suggestions`: the articles the panel opens on, for the host page's
/// `url` (the page rules), for `articles` (ids, comma-separated) or for `search` (a phrase) the page asked for;
/// only what the visitor may see, else the most helpful articles they may see.
struct WidgetSuggestionsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("widget", "v1", "widgets", ":widget_id").grouped(WidgetContextMiddleware.caller)
            .get("suggestions", use: suggestions)
    }

    struct SuggestionDTO: Content {
        let id: Int
        let title: String
        let snippet: String
    }

    struct RuleDTO: Content {
        let match: String
        let pattern: String
    }

    /// `rule`: the page rule that matched (for the widget's analytics), `null` otherwise.
    struct SuggestionsDTO: Content {
        let articles: [SuggestionDTO]
        let source: String
        let rule: RuleDTO?

        /// Always the same bytes for the same suggestions (`JSONEncoder` orders keys differently from call to call),
        /// so that an article a visitor may not see can change nothing of the answer.
        var json: [UInt8] {
            var writer = JSONWriter(capacity: 256 + articles.count * 512)
            writer.punctuation("{\"articles\":[")
            for (index, article) in articles.enumerated() {
                writer.punctuation(index == 0 ? "{" : ",{")
                writer.member("id", article.id, first: true)
                writer.member("title", article.title)
                writer.member("snippet", article.snippet)
                writer.punctuation("}")
            }
            writer.punctuation("]")
            writer.member("source", source)
            if let rule {
                writer.punctuation(",\"rule\":{")
                writer.member("match", rule.match, first: true)
                writer.member("pattern", rule.pattern)
                writer.punctuation("}}")
            } else {
                writer.punctuation(",\"rule\":null}")
            }
            return writer.bytes
        }
    }

    @Sendable
    func suggestions(request: Request) async throws -> Response {
        let context = try request.widgetContext
        let ask = try Self.ask(request)
        let scope = context.scope, version = context.widget.searchVersion
        let found = try await PageRuleService.suggest(ask, widgetID: context.widget.id, scope: scope,
                                                      tools: { try await request.searchTools(scope: scope, version: version) },
                                                      on: request.db)
        let dto = SuggestionsDTO(
            articles: found.hits.map { SuggestionDTO(id: $0.articleID, title: $0.title, snippet: $0.snippet) },
            source: found.source.rawValue,
            rule: found.rule.map { RuleDTO(match: $0.pattern.kind.rawValue, pattern: $0.pattern.pattern) })
        let response = Response(status: .ok, body: .init(buffer: ByteBuffer(bytes: dto.json)))
        response.headers.contentType = .json
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        response.headers.replaceOrAdd(name: .vary, value: "Authorization")
        return response
    }

    /// One of `url`, `articles` or `search` (none: the most helpful articles); anything else is a 422 naming it.
    static func ask(_ request: Request) throws -> PageRuleService.Ask {
        let given = ["url", "articles", "search"].filter { request.queryText($0) != nil }
        guard given.count <= 1 else {
            throw AppError.validation([given[1]: "give only one of url, articles and search"])
        }
        if let url = request.queryText("url") {
            guard let address = PageAddress(url: url) else {
                throw AppError.validation(["url": "must be the page's http(s) URL, or its path starting with /, of at most \(PageAddress.maximumLength) bytes"])
            }
            return .page(address)
        }
        if let list = request.queryText("articles") {
            let ids = list.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard (1...PageRuleService.maximumArticles).contains(ids.count), ids.allSatisfy({ ($0 ?? 0) > 0 }) else {
                throw AppError.validation(["articles": "must be 1 to \(PageRuleService.maximumArticles) article ids, comma-separated"])
            }
            return .articles(ids.compactMap { $0 })
        }
        if let phrase = request.queryText("search") {
            var errors = FieldErrors()
            let text = errors.text(phrase, "search", required: true, maximum: PageRuleService.maximumSearchLength)
            try errors.throwIfAny()
            return .search(text!)
        }
        return .page(nil)
    }
}
