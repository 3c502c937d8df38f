import Foundation
import LanternCore

/// One visitor event on its way to `analytics_events`: what happened, on which widget, in which visit (the hashed
/// day-scoped id: `AnalyticsVisit`), whether the visitor was signed in, and the details of its kind. Nothing in it
/// names the visitor.
struct AnalyticsEvent: Sendable, Equatable {
    var accountID: Int
    var widgetID: Int
    var occurredAt: Date
    var visit: String
    var signedIn: Bool
    var kind: AnalyticsEventKind
    /// The normalised query of a search or a result click.
    var query: String? = nil
    /// How many results a search found.
    var results: Int? = nil
    /// Which engine answered a search (`memory`, `database`).
    var engine: String? = nil
    /// A clicked result's or suggestion's place in its list, from 1.
    var rank: Int? = nil
    var articleID: Int? = nil
    /// A vote's answer.
    var helpful: Bool? = nil
    /// Where suggestions came from: `rule`, `search`, `popular`, or `form` (beside the contact form's subject).
    var source: String? = nil
    /// The page rule that gave the suggestions, as `"glob /billing/*"`.
    var rule: String? = nil
}
