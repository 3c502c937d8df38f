import Foundation
import LanternCore

/// Checks the events a widget frame reports (`POST /widget/v1/widgets/{id}/events`) and makes them
/// `AnalyticsEvent`s: each kind with the details it needs, in range, queries normalised (`AnalyticsQuery`), the
/// day's visitor id hashed (`AnalyticsVisit`). A problem is a 422 naming the event's field (`events[2].rank`).
enum AnalyticsIntake {
    static let maximumEvents = 50
    static let maximumRank = 1_000
    static let maximumResults = 1_000_000
    static let sources: Set<String> = ["rule", "search", "popular", "form"]
    static let engines: Set<String> = LanternSettings.SearchEngine.allCases.map(\.rawValue).reduce(into: []) { $0.insert($1) }

    struct Batch: Decodable, Sendable {
        let visitor_id: String?
        let events: [Reported]?
    }

    struct Rule: Decodable, Sendable {
        let match: String
        let pattern: String
    }

    struct Reported: Decodable, Sendable {
        let type: String?
        let query: String?
        let results: Int?
        let engine: String?
        let rank: Int?
        let article_id: Int?
        let helpful: Bool?
        let source: String?
        let rule: Rule?
    }

    /// Where the events happened and who (anonymously) reported them.
    struct Origin: Sendable {
        let accountID: Int
        let widgetID: Int
        let signedIn: Bool
    }

    static func events(_ batch: Batch, from origin: Origin, at now: Date = Date()) throws -> [AnalyticsEvent] {
        var errors = FieldErrors()
        let visitor = try VoteService.visitorID(batch.visitor_id ?? "")
        guard let reported = batch.events else { throw AppError.validation(["events": "is required"]) }
        guard reported.count <= maximumEvents else { throw AppError.validation(["events": "must be at most \(maximumEvents) events"]) }
        var events: [AnalyticsEvent] = []
        for (index, item) in reported.enumerated() {
            let name = "events[\(index)]"
            guard let type = item.type, let kind = AnalyticsEventKind(rawValue: type) else {
                errors.add("\(name).type", "must be one of \(AnalyticsEventKind.allCases.map(\.rawValue).joined(separator: ", "))")
                continue
            }
            var event = AnalyticsEvent(accountID: origin.accountID, widgetID: origin.widgetID, occurredAt: now,
                                       visit: AnalyticsVisit.key(visitor ?? ""), signedIn: origin.signedIn, kind: kind)
            func need<T>(_ value: T?, _ field: String) -> T? {
                if value == nil { errors.add("\(name).\(field)", "is required for \(type)") }
                return value
            }
            func inRange(_ value: Int?, _ field: String, _ range: ClosedRange<Int>) -> Int? {
                guard let value else { return nil }
                guard range.contains(value) else {
                    errors.add("\(name).\(field)", "must be from \(range.lowerBound) to \(range.upperBound)")
                    return nil
                }
                return value
            }
            switch kind {
            case .search, .resultClick:
                if let query = need(item.query, "query") {
                    let normalised = AnalyticsQuery.normalise(query)
                    if normalised.isEmpty { errors.add("\(name).query", "must not be blank") } else { event.query = normalised }
                }
                if kind == .search {
                    event.results = inRange(need(item.results, "results"), "results", 0...maximumResults)
                    if let engine = item.engine {
                        if engines.contains(engine) { event.engine = engine } else { errors.add("\(name).engine", "must be memory or database") }
                    }
                } else {
                    event.rank = inRange(need(item.rank, "rank"), "rank", 1...maximumRank)
                    event.articleID = inRange(need(item.article_id, "article_id"), "article_id", 1...Int.max)
                }
            case .articleView:
                event.articleID = inRange(need(item.article_id, "article_id"), "article_id", 1...Int.max)
            case .vote:
                event.articleID = inRange(need(item.article_id, "article_id"), "article_id", 1...Int.max)
                event.helpful = need(item.helpful, "helpful")
            case .suggestionShown, .suggestionClick:
                if let source = need(item.source, "source") {
                    if sources.contains(source) { event.source = source } else { errors.add("\(name).source", "must be rule, search, popular or form") }
                }
                if let rule = item.rule {
                    if let kind = PagePattern.Kind(rawValue: rule.match), (1...PagePattern.maximumLength).contains(rule.pattern.count) {
                        event.rule = "\(kind.rawValue) \(rule.pattern)"
                    } else {
                        errors.add("\(name).rule", "must be {match: prefix, glob or regex, pattern}")
                    }
                }
                if kind == .suggestionClick {
                    event.articleID = inRange(need(item.article_id, "article_id"), "article_id", 1...Int.max)
                    event.rank = inRange(item.rank, "rank", 1...maximumRank)
                }
            case .contactFormOpened, .ticketSent:
                break
            }
            events.append(event)
        }
        try errors.throwIfAny()
        return events
    }
}
