import Fluent
import LanternCore
import SQLKit

/// Page rules: per widget, URL patterns mapped to up to five articles or a search phrase (`PagePattern`), and the
/// suggestions a visitor gets from them. Suggestions are always read through the visitor's `ReadingScope`, so an
/// article they may not see is left out as if it did not exist, and when nothing visible is left the most helpful
/// visible articles are offered instead.
enum PageRuleService {
    static let maximumRules = 50
    static let maximumArticles = 5
    static let maximumSearchLength = 200
    /// How many articles a suggestion offers.
    static let suggestionCount = 5

    /// A stored rule with its compiled pattern.
    struct Rule: Sendable {
        let pattern: PagePattern
        let articleIDs: [Int]
        let search: String?

        /// `"glob /billing/*"`: how analytics name the rule.
        var key: String { "\(pattern.kind.rawValue) \(pattern.pattern)" }
    }

    /// Where suggestions come from: the page rules, or what the page itself asked for (`Lantern('suggest', …)`).
    enum Ask: Sendable {
        case page(PageAddress?)
        case articles([Int])
        case search(String)
    }

    /// Where the suggested articles came from.
    enum Source: String, Sendable {
        case rule, search, popular
    }

    struct Suggestions: Sendable {
        let hits: [KnowledgeBaseReader.Hit]
        let source: Source
        /// The page rule that gave them; `nil` for a page's own ask and for popular articles.
        let rule: Rule?
    }

    /// The widget's rules, first first.
    static func rules(widgetID: Int, on db: any Database) async throws -> [Rule] {
        try await PageRule.query(on: db).filter(\.$widgetID == widgetID).sort(\.$position).all().compactMap { stored in
            guard let kind = PagePattern.Kind(rawValue: stored.match),
                  let pattern = try? PagePattern(kind: kind, pattern: stored.pattern) else { return nil }
            return Rule(pattern: pattern, articleIDs: stored.articleIDs, search: stored.search)
        }
    }

    /// Replaces the widget's rules with `input`'s, or throws 422 `validation_failed` naming each bad rule's field
    /// (`rules[2].pattern`) and changes nothing.
    static func replace(widgetID: Int, accountID: Int, with input: PageRulesInput, on db: any Database) async throws -> [Rule] {
        var errors = FieldErrors()
        guard let given = input.rules else { throw AppError.validation(["rules": "is required"]) }
        guard given.count <= maximumRules else { throw AppError.validation(["rules": "must be at most \(maximumRules) rules"]) }
        var rules: [Rule] = []
        for (index, rule) in given.enumerated() {
            if let valid = try await validate(rule, index: index, accountID: accountID, &errors, on: db) { rules.append(valid) }
        }
        try errors.throwIfAny()
        let valid = rules
        try await db.writeTransaction { db in
            try await PageRule.query(on: db).filter(\.$widgetID == widgetID).delete()
            for (position, rule) in valid.enumerated() {
                try await PageRule(widgetID: widgetID, position: position, match: rule.pattern.kind.rawValue, pattern: rule.pattern.pattern,
                                   articleIDs: rule.articleIDs, search: rule.search).create(on: db)
            }
        }
        return rules
    }

    private static func validate(_ rule: PageRulesInput.Rule, index: Int, accountID: Int, _ errors: inout FieldErrors,
                                 on db: any Database) async throws -> Rule? {
        let name = "rules[\(index)]", number = "rule \(index + 1)"
        var valid = true
        var pattern: PagePattern? = nil
        if let match = rule.match {
            if let kind = PagePattern.Kind(rawValue: match) {
                do {
                    pattern = try PagePattern(kind: kind, pattern: rule.pattern ?? "")
                } catch {
                    errors.add("\(name).pattern", "\(number): the \(kind.rawValue) pattern \(error.message)")
                    valid = false
                }
            } else {
                errors.add("\(name).match", "\(number): must be prefix, glob or regex")
                valid = false
            }
        } else {
            errors.add("\(name).match", "\(number): is required (prefix, glob or regex)")
            valid = false
        }
        if rule.pattern == nil { errors.add("\(name).pattern", "\(number): is required") }
        switch (rule.articles, rule.search) {
        case (nil, nil), (.some, .some):
            errors.add(name, "\(number): give either articles (up to \(maximumArticles) article ids) or search (a phrase), not both")
            return nil
        case (let articles?, nil):
            guard (1...maximumArticles).contains(articles.count), Set(articles).count == articles.count else {
                errors.add("\(name).articles", "\(number): must be 1 to \(maximumArticles) different article ids")
                return nil
            }
            let found = try await Article.query(on: db).filter(\.$id ~~ articles).filter(\.$accountID == accountID).count()
            guard found == articles.count else {
                errors.add("\(name).articles", "\(number): must be articles of this account")
                return nil
            }
            guard valid, let pattern else { return nil }
            return Rule(pattern: pattern, articleIDs: articles, search: nil)
        case (nil, let search?):
            guard let phrase = errors.text(search, "\(name).search", required: true, maximum: maximumSearchLength) else { return nil }
            guard valid, let pattern else { return nil }
            return Rule(pattern: pattern, articleIDs: [], search: phrase)
        }
    }

    /// The suggestions for a visitor: the first rule matching the page (its visible articles, or its search's
    /// results), or what the page asked for; when that leaves nothing, the most helpful articles the visitor may
    /// see. `tools` gives the search tools when a search runs.
    static func suggest(_ ask: Ask, widgetID: Int, scope: ReadingScope, tools: @Sendable () async throws -> SearchTools,
                        on db: any Database) async throws -> Suggestions {
        switch ask {
        case .page(let address?):
            if let rule = try await rules(widgetID: widgetID, on: db).first(where: { $0.pattern.matches(address) }) {
                let hits = if let phrase = rule.search { try await search(phrase, scope: scope, tools: tools, on: db) }
                    else { try await KnowledgeBaseReader.pick(rule.articleIDs, scope: scope, on: db) }
                if !hits.isEmpty { return Suggestions(hits: hits, source: rule.search == nil ? .rule : .search, rule: rule) }
            }
        case .page(nil): break
        case .articles(let ids):
            let hits = try await KnowledgeBaseReader.pick(ids, scope: scope, on: db)
            if !hits.isEmpty { return Suggestions(hits: hits, source: .rule, rule: nil) }
        case .search(let phrase):
            let hits = try await search(phrase, scope: scope, tools: tools, on: db)
            if !hits.isEmpty { return Suggestions(hits: hits, source: .search, rule: nil) }
        }
        let popular = try await KnowledgeBaseReader.list(scope, folderID: nil, categoryID: nil,
                                                        page: PageRequest(page: 1, perPage: suggestionCount), on: db).hits
        return Suggestions(hits: popular, source: .popular, rule: nil)
    }

    /// The best visible results of `phrase`, corrected for typos as the widget's search is.
    private static func search(_ phrase: String, scope: ReadingScope, tools: @Sendable () async throws -> SearchTools,
                               on db: any Database) async throws -> [KnowledgeBaseReader.Hit] {
        var query = SearchQuery(phrase)
        guard !query.isEmpty else { return [] }
        let found = try await tools()
        query = query.corrected(by: found.corrector)
        return try await KnowledgeBaseReader.search(scope, query: query, page: PageRequest(page: 1, perPage: suggestionCount),
                                                    index: found.index, on: db).hits
    }
}
