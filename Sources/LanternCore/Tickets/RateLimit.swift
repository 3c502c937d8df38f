/// A sliding-window limit: at most `count` events per `seconds`.
public struct RateLimit: Sendable, Equatable, CustomStringConvertible {
    public let count: Int
    public let seconds: Int

    /// The contact form's default: 20 tickets per 10 minutes.
    public static let ticketDefault = RateLimit(count: 20, seconds: 600)

    public init(count: Int, seconds: Int) {
        self.count = count
        self.seconds = seconds
    }

    /// Parses `COUNT/SECONDS` (both positive whole numbers) or `off` (no limit: `nil`). Throws on anything else.
    public static func parse(_ raw: String) throws(RateLimitSyntaxError) -> RateLimit? {
        let text = raw.trimmedOfWhitespace.lowercased()
        if text == "off" { return nil }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let count = Int(parts[0]), let seconds = Int(parts[1]), count > 0, seconds > 0 else {
            throw RateLimitSyntaxError(value: raw)
        }
        return RateLimit(count: count, seconds: seconds)
    }

    /// Given the times of the most recent events (newest first, at least `count` of them when the limit is
    /// reached), the whole seconds to wait before one more is allowed at `now`; `nil` when it is allowed now.
    public func retryAfter(recentEvents: [Double], now: Double) -> Int? {
        let windowStart = now - Double(seconds)
        let inWindow = recentEvents.filter { $0 > windowStart }
        guard inWindow.count >= count else { return nil }
        // The event that must leave the window is the `count`-th newest.
        let sorted = inWindow.sorted(by: >)
        let leaves = sorted[count - 1] + Double(seconds)
        return max(1, Int((leaves - now).rounded(.up)))
    }

    public var description: String { "\(count)/\(seconds)" }
}
