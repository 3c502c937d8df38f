import Foundation

/// The rules for a ticket's tags: at most 32, each 1 to 64 characters without control characters or commas,
/// trimmed, duplicates (ignoring case) removed, order kept.
public enum TicketTags {
    public static let maximumCount = 32
    public static let maximumLength = 64

    /// The cleaned tags, or a message saying what is wrong.
    public static func validate(_ tags: [String]) -> Result<[String], TicketTagsError> {
        var seen = Set<String>()
        var cleaned: [String] = []
        for raw in tags {
            let tag = raw.trimmingCharacters(in: .whitespaces)
            guard !tag.isEmpty, tag.count <= maximumLength,
                  !tag.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == "," })
            else { return .failure(TicketTagsError(message: "each tag must be 1 to \(maximumLength) characters, without commas or control characters")) }
            if seen.insert(tag.lowercased()).inserted { cleaned.append(tag) }
        }
        guard cleaned.count <= maximumCount else {
            return .failure(TicketTagsError(message: "must be at most \(maximumCount) tags"))
        }
        return .success(cleaned)
    }
}

/// Why a list of tags was refused.
public struct TicketTagsError: Error, Sendable, Equatable {
    public let message: String
}
