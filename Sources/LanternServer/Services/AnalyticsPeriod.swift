import LanternCore

/// What a report covers: the days `from` to `to` (UTC, both included) and one widget or all of the account's.
struct AnalyticsPeriod: Sendable {
    /// The longest period a report covers.
    static let maximumDays = 3_660
    /// The period when none is given: the last 30 days, today included.
    static let defaultDays = 30

    let accountID: Int
    let from: AnalyticsDay
    let to: AnalyticsDay
    let widgetID: Int?

    var days: ClosedRange<Int> { from.number...to.number }

    /// Reads `from` and `to` (`YYYY-MM-DD`, default: the last 30 days up to `today`), checking `widgetID` is the
    /// account's; a 422 names each bad parameter.
    static func read(accountID: Int, from: String?, to: String?, widgetID: String?, today: AnalyticsDay,
                     widgetExists: (Int) async throws -> Bool) async throws -> AnalyticsPeriod {
        var errors = FieldErrors()
        let end = day(to, "to", &errors) ?? today
        let start = day(from, "from", &errors) ?? end.adding(-(defaultDays - 1))
        if start > end { errors.add("from", "must not be after to") }
        if end.number - start.number >= maximumDays { errors.add("from", "must be at most \(maximumDays) days before to") }
        var widget: Int? = nil
        if let widgetID, !widgetID.isEmpty {
            if let id = Int(widgetID), id > 0, try await widgetExists(id) { widget = id }
            else { errors.add("widget_id", "must be a widget of this account") }
        }
        try errors.throwIfAny()
        return AnalyticsPeriod(accountID: accountID, from: start, to: end, widgetID: widget)
    }

    private static func day(_ raw: String?, _ field: String, _ errors: inout FieldErrors) -> AnalyticsDay? {
        guard let raw, !raw.isEmpty else { return nil }
        guard let day = AnalyticsDay(iso: raw) else {
            errors.add(field, "must be a date as YYYY-MM-DD")
            return nil
        }
        return day
    }
}
