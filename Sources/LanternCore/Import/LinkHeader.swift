import Foundation

/// An HTTP `Link` header (RFC 8288), as Freshdesk's API paginates with it: `<https://…?page=2>; rel="next"`.
public enum LinkHeader {
    /// The target of the first link whose `rel` contains `relation` (case-insensitively), or `nil`.
    public static func target(_ header: String, relation: String = "next") -> String? {
        var rest = Substring(header)
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { return nil }
            let target = rest[rest.index(after: open)..<close]
            let afterTarget = rest[rest.index(after: close)...]
            // The link's parameters run to the next comma that is outside quotes.
            var parameters = Substring("")
            var inQuotes = false
            var end = afterTarget.endIndex
            for index in afterTarget.indices {
                let character = afterTarget[index]
                if character == "\"" { inQuotes.toggle() }
                if character == "," && !inQuotes { end = index; break }
            }
            parameters = afterTarget[afterTarget.startIndex..<end]
            if relations(in: parameters).contains(relation.lowercased()) { return String(target) }
            rest = end == afterTarget.endIndex ? Substring("") : afterTarget[afterTarget.index(after: end)...]
        }
        return nil
    }

    /// The lower-cased relation types of a link's `; rel="a b"` parameter.
    private static func relations(in parameters: Substring) -> [String] {
        for parameter in parameters.split(separator: ";") {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "rel" else { continue }
            let value = pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return value.lowercased().split(separator: " ").map(String.init)
        }
        return []
    }
}
