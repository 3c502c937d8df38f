import Foundation

/// A display name and an address, as in `From: "Alice Martin" <alice@example.com>`.
public struct Mailbox: Sendable, Equatable {
    /// The display name, decoded; empty when there is none.
    public let name: String
    /// The address as written (not normalised: see `EmailAddress`).
    public let address: String

    public init(name: String = "", address: String) {
        self.name = name
        self.address = address
    }

    /// The mailboxes of an address-list header (`To`, `Cc`, `From`, `Reply-To`): quoted and encoded names, comments,
    /// bare addresses and groups (`undisclosed-recipients:;`). Entries without an `@` are skipped.
    public static func list(_ raw: String) -> [Mailbox] {
        splitAddresses(raw).compactMap(parse)
    }

    /// The header form: `=?UTF-8?B?…?= <address>` or `"Name" <address>`, or the bare address without a name. Control
    /// characters in the name become spaces.
    public var headerValue: String {
        let cleanName = HeaderValue.replacingControls(in: name, with: " ").trimmedOfWhitespace
        guard !cleanName.isEmpty else { return "<\(address)>" }
        let isPlainASCII = cleanName.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
        if isPlainASCII && !cleanName.contains("=?") {
            let escaped = cleanName.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(escaped)\" <\(address)>"
        }
        return EncodedWord.encode(cleanName) + " <\(address)>"
    }

    private static func parse(_ entry: String) -> Mailbox? {
        var text = entry.trimmedOfWhitespace
        // A group: "name: a, b;" has been split; drop a leading "name:" and a trailing ";".
        if let colon = text.firstIndex(of: ":"), !text[..<colon].contains("<"), !text[..<colon].contains("\""),
           !text[..<colon].contains("@") {
            text = String(text[text.index(after: colon)...]).trimmedOfWhitespace
        }
        while text.hasSuffix(";") { text = String(text.dropLast()).trimmedOfWhitespace }
        guard !text.isEmpty else { return nil }
        if let open = lastIndexOutsideQuotes(of: "<", in: text), let close = text[open...].firstIndex(of: ">") {
            let address = String(text[text.index(after: open)..<close]).trimmedOfWhitespace
            let rawName = String(text[..<open]).trimmedOfWhitespace
            guard address.contains("@") else { return nil }
            return Mailbox(name: displayName(rawName), address: address)
        }
        var comment = ""
        let address = removingComments(text, comment: &comment).trimmedOfWhitespace
        guard address.contains("@"), !address.contains(" ") else { return nil }
        return Mailbox(name: EncodedWord.decode(comment.trimmedOfWhitespace), address: address)
    }

    private static func displayName(_ raw: String) -> String {
        var comment = ""
        let withoutComments = removingComments(raw, comment: &comment).trimmedOfWhitespace
        let name = withoutComments.isEmpty ? comment : withoutComments
        // Quoted pieces lose their quotes; encoded words inside quotes are decoded too (Outlook writes them).
        return EncodedWord.decode(MIMEHeaderValue.unquote(name.trimmedOfWhitespace)).trimmedOfWhitespace
    }

    /// Splits at commas outside quotes, angle brackets and comments.
    private static func splitAddresses(_ raw: String) -> [String] {
        var entries: [String] = []
        var current = ""
        var quoted = false, escaped = false
        var angle = 0, comment = 0
        for character in raw {
            if escaped { current.append(character); escaped = false; continue }
            switch character {
            case "\\" where quoted || comment > 0: escaped = true
            case "\"" where comment == 0: quoted.toggle()
            case "(" where !quoted: comment += 1
            case ")" where !quoted && comment > 0: comment -= 1
            case "<" where !quoted && comment == 0: angle += 1
            case ">" where !quoted && comment == 0 && angle > 0: angle -= 1
            case "," where !quoted && angle == 0 && comment == 0:
                entries.append(current)
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        entries.append(current)
        return entries
    }

    private static func lastIndexOutsideQuotes(of target: Character, in text: String) -> String.Index? {
        var quoted = false, escaped = false
        var found: String.Index? = nil
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if escaped { escaped = false } else if character == "\\" && quoted { escaped = true } else if character == "\"" {
                quoted.toggle()
            } else if character == target && !quoted { found = index }
            index = text.index(after: index)
        }
        return found
    }

    /// `text` without its (nested) comments; the comments' text goes to `comment`.
    private static func removingComments(_ text: String, comment: inout String) -> String {
        var out = ""
        var depth = 0
        var quoted = false
        for character in text {
            if character == "\"" && depth == 0 { quoted.toggle() }
            if !quoted && character == "(" { depth += 1; if depth == 1 { continue } }
            if !quoted && character == ")" && depth > 0 { depth -= 1; if depth == 0 { continue } }
            if depth > 0 { comment.append(character) } else { out.append(character) }
        }
        return out
    }
}
