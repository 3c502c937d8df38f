import Foundation

/// Cuts what a reply by mail repeats from earlier messages: the quoted history under the line that introduces it
/// (Gmail, Apple Mail and Thunderbird's "On … wrote:", in English, French, German and Spanish; Outlook's
/// "-----Original Message-----" and its "From: … Sent: …" block), Lantern's own "reply above this line" marker,
/// trailing `>` quotes, and the signature (after "-- ", or a phone client's "Sent from my …"). When nothing would
/// be left, the text is kept whole: a message is never emptied.
public enum ReplyTrimmer {
    /// Lantern's marker: the first line of the text of every message it sends to a requester.
    public static func marker(_ prompt: String) -> String { "##- \(prompt) -##" }

    public static func trim(_ text: String) -> String {
        let lines = text.replacingLineBreaks().components(separatedBy: "\n")
        var cut = lines.count
        var index = 0
        while index < lines.count && cut == lines.count {
            let line = lines[index].trimmingCharacters(in: .whitespaces)
            let unquoted = String(line.drop(while: { $0 == ">" || $0 == " " || $0 == "\u{FEFF}" }))
            if unquoted.hasPrefix("##-") && unquoted.hasSuffix("-##") {
                cut = index
            } else if isQuoteHeader(unquoted) {
                cut = index
            } else if index + 1 < lines.count, isQuoteHeader(line + " " + lines[index + 1].trimmingCharacters(in: .whitespaces)),
                      !line.isEmpty {
                cut = index
            } else if isOutlookSeparator(line) || isOutlookHeaderBlock(lines, at: index) {
                cut = index
            } else if line == "--" || lines[index] == "-- " {
                cut = index
            } else if isMobileSignature(line) && lines[(index + 1)...].allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty || $0.hasPrefix(">") }) {
                cut = index
            }
            index += 1
        }
        var kept = Array(lines[..<cut])
        // A trailing block of quoted lines (a reply written above a quote without an introduction).
        while let last = kept.last, last.trimmingCharacters(in: .whitespaces).isEmpty || last.hasPrefix(">") {
            kept.removeLast()
        }
        let result = kept.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return result.isEmpty ? text.replacingLineBreaks().trimmingCharacters(in: .whitespacesAndNewlines) : result
    }

    /// "On … wrote:", "Le … a écrit :", "Am … schrieb …:", "El … escribió:".
    static func isQuoteHeader(_ raw: String) -> Bool {
        let line = raw.trimmingCharacters(in: .whitespaces)
        guard line.count < 400, line.hasSuffix(":") else { return false }
        let patterns: [(prefix: String, contains: String)] = [
            ("On ", "wrote"), ("Le ", "a écrit"), ("Am ", "schrieb"), ("El ", "escribió"), ("Op ", "schreef"),
        ]
        return patterns.contains { line.hasPrefix($0.prefix) && line.contains($0.contains) }
    }

    private static func isOutlookSeparator(_ line: String) -> Bool {
        let separators = ["-----Original Message-----", "-----Message d'origine-----", "-----Ursprüngliche Nachricht-----",
                          "-----Mensaje original-----"]
        return separators.contains { line.hasPrefix($0) }
            || (line.count >= 20 && line.allSatisfy { $0 == "_" })
    }

    /// Outlook's header block: "From: …" followed within three lines by "Sent: …" or "Date: …" (in any of four languages).
    private static func isOutlookHeaderBlock(_ lines: [String], at index: Int) -> Bool {
        let line = lines[index].trimmingCharacters(in: .whitespaces)
        let fromLabels = ["From:", "De :", "De:", "Von:", "*From:*"]
        guard fromLabels.contains(where: { line.hasPrefix($0) }) else { return false }
        let sentLabels = ["Sent:", "Date:", "Envoyé :", "Envoyé:", "Gesendet:", "Enviado:", "*Sent:*"]
        return lines[(index + 1)..<min(lines.count, index + 4)].contains { next in
            sentLabels.contains { next.trimmingCharacters(in: .whitespaces).hasPrefix($0) }
        }
    }

    private static func isMobileSignature(_ line: String) -> Bool {
        ["Sent from my ", "Envoyé de mon ", "Von meinem ", "Enviado desde mi ", "Get Outlook for "].contains { line.hasPrefix($0) }
    }
}
