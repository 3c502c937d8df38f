import Foundation

/// A time given as ISO 8601 text: with or without fractional seconds, or a bare date (midnight UTC).
public enum ISO8601Time {
    public static func parse(_ raw: String) -> Date? {
        if let date = try? Date(raw, strategy: .iso8601) { return date }
        if let date = try? Date(raw, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        return try? Date(raw + "T00:00:00Z", strategy: .iso8601)
    }
}
