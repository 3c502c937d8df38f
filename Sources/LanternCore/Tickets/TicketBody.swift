import Foundation

/// The body of a ticket's description or of a conversation entry: sanitised HTML and its plain text.
public struct TicketBody: Sendable, Equatable {
    /// The limit of a body, in UTF-8 bytes (64 KiB), as for the contact form's description.
    public static let maximumBytes = TicketRules.maximumDescriptionBytes

    /// Allow-listed HTML (`HTMLSanitizer`).
    public let html: String
    /// The visible text.
    public let text: String

    /// A body written as HTML (agents, the API): sanitised, with its visible text.
    public init(html: String) {
        self.html = HTMLSanitizer.sanitize(html)
        text = HTMLSanitizer.plainText(self.html)
    }

    /// A body typed as plain text (customers): escaped, each line break a `<br>`, so markup in it is shown, never run.
    public init(plainText: String) {
        let lines = plainText.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        html = lines.map { HTMLSanitizer.escape(String($0)) }.joined(separator: "<br>")
        text = plainText
    }

    /// Why a reply's body was refused: the message for its field.
    public struct Problem: Error, Sendable, Equatable {
        public let message: String

        public init(message: String) {
            self.message = message
        }
    }

    /// A reply written as HTML (agents): checked (`problem`), sanitised, and refused when nothing visible is left.
    public static func html(_ raw: String?) throws(Problem) -> TicketBody {
        if let message = problem(raw) { throw Problem(message: message) }
        let body = TicketBody(html: raw ?? "")
        guard !body.text.isEmpty || body.html.contains("<img") else { throw Problem(message: "has no text left once sanitised") }
        return body
    }

    /// A reply typed as text (customers): checked (`problem`) and trimmed.
    public static func plainText(_ raw: String?) throws(Problem) -> TicketBody {
        if let message = problem(raw) { throw Problem(message: message) }
        return TicketBody(plainText: (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Checks a body as sent: present, not blank, at most `maximumBytes`, no control character but tab and line
    /// breaks (PostgreSQL refuses NUL in text). Returns the message for the field, or nil.
    public static func problem(_ raw: String?) -> String? {
        guard let raw, !raw.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return "is required" }
        if raw.utf8.count > maximumBytes { return "must be at most 64 KiB" }
        let isControl = { (scalar: Unicode.Scalar) in
            (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || scalar.value == 0x7F
        }
        return raw.unicodeScalars.contains(where: isControl) ? "must not contain control characters but tab and line breaks" : nil
    }
}
