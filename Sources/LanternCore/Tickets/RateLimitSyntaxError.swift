

/// A `LANTERN_TICKET_RATE_LIMIT` value that is neither `COUNT/SECONDS` nor `off`.
public struct RateLimitSyntaxError: Error, CustomStringConvertible {
    public let value: String
    public var description: String {
        "Invalid rate limit \"\(value)\": write COUNT/SECONDS (e.g. 20/600) or off."
    }
}
