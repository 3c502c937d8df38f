/// What a visitor did, as the widget and `/support` record it.
public enum AnalyticsEventKind: String, Sendable, CaseIterable, Codable {
    /// A search that settled: its normalised query, how many results, which engine answered.
    case search
    /// A search result opened: its query and rank (1 for the first result).
    case resultClick = "result_click"
    case articleView = "article_view"
    /// A helpful / not-helpful vote.
    case vote
    /// Suggestions shown (on the panel's first view, or beside the contact form's subject), and one opened.
    case suggestionShown = "suggestion_shown"
    case suggestionClick = "suggestion_click"
    case contactFormOpened = "contact_form_opened"
    case ticketSent = "ticket_sent"
}

/// Search queries as analytics count them: case folded, runs of spaces made one, trimmed, at most 200
/// characters; control characters become spaces.
public enum AnalyticsQuery {
    public static let maximumLength = 200

    public static func normalise(_ raw: String) -> String {
        var words: [Substring] = []
        let cleaned = String(String.UnicodeScalarView(raw.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
        for word in cleaned.lowercased().split(whereSeparator: { $0.isWhitespace }) { words.append(word) }
        return String(words.joined(separator: " ").prefix(maximumLength))
    }
}

/// Why a visitor found an article not helpful.
public enum FeedbackReason: String, Sendable, CaseIterable, Codable {
    case outdated, unclear, incomplete
    case wrongTopic = "wrong_topic"
    case other

    /// In words, for agents.
    public var label: String {
        switch self {
        case .outdated: "Outdated"
        case .unclear: "Unclear"
        case .incomplete: "Incomplete"
        case .wrongTopic: "Not what I was looking for"
        case .other: "Other"
        }
    }
}
