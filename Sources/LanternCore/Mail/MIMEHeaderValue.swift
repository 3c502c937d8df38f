/// A structured MIME header value such as `Content-Type` or `Content-Disposition`: a value and its parameters, with
/// RFC 2231 parameters (`filename*=UTF-8''na%C3%AFve.txt`, continuations `name*0*=…; name*1=…`) and RFC 2047 encoded
/// words in quoted parameters (which Outlook and Gmail write) decoded.
public struct MIMEHeaderValue: Sendable, Equatable {
    /// The value before the first `;`, in lower case (`multipart/mixed`, `attachment`).
    public let value: String
    /// Parameters by lower-cased name, decoded.
    public let parameters: [String: String]

    public init(_ raw: String) {
        let pieces = Self.splitParameters(raw)
        value = (pieces.first ?? "").trimmedOfWhitespace.lowercased()
        var plain: [String: String] = [:]
        // RFC 2231 sections: name -> [(index, text, encoded)]
        var sections: [String: [(Int, String, Bool)]] = [:]
        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            var name = piece[..<equals].trimmedOfWhitespace.lowercased()
            let rawValue = Self.unquote(piece[piece.index(after: equals)...].trimmedOfWhitespace)
            guard !name.isEmpty else { continue }
            var encoded = false
            if name.hasSuffix("*") {
                encoded = true
                name.removeLast()
            }
            if let star = name.firstIndex(of: "*"), let index = Int(name[name.index(after: star)...]) {
                sections[String(name[..<star]), default: []].append((index, rawValue, encoded))
            } else if encoded {
                sections[name, default: []].append((0, rawValue, true))
            } else if plain[name] == nil {
                plain[name] = EncodedWord.decode(rawValue)
            }
        }
        for (name, parts) in sections {
            let ordered = parts.sorted { $0.0 < $1.0 }
            var charset: String? = nil
            var bytes: [UInt8] = []
            for (position, part) in ordered.enumerated() {
                var text = Substring(part.1)
                if part.2 {
                    if position == 0 {
                        // charset'language'value
                        let fields = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                        if fields.count == 3 {
                            charset = String(fields[0])
                            text = fields[2]
                        }
                    }
                    bytes += Self.percentDecoded(text)
                } else {
                    bytes += Array(text.utf8)
                }
            }
            plain[name] = MailCharset.decode(bytes, charset: charset ?? "utf-8")
        }
        parameters = plain
    }

    /// Splits at `;` outside quoted strings.
    private static func splitParameters(_ raw: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in raw {
            if escaped { current.append(character); escaped = false; continue }
            if quoted && character == "\\" { current.append(character); escaped = true; continue }
            if character == "\"" { quoted.toggle() }
            if character == ";" && !quoted {
                pieces.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        pieces.append(current)
        return pieces
    }

    /// A quoted string's content with its escapes undone; an unquoted value as it is.
    static func unquote(_ text: String) -> String {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return text }
        var out = ""
        var escaped = false
        for character in text.dropFirst().dropLast() {
            if !escaped && character == "\\" { escaped = true; continue }
            escaped = false
            out.append(character)
        }
        return out
    }

    private static func percentDecoded(_ text: Substring) -> [UInt8] {
        let input = Array(text.utf8)
        var out: [UInt8] = []
        var index = 0
        while index < input.count {
            if input[index] == UInt8(ascii: "%"), index + 2 < input.count,
               let high = QuotedPrintable.hexValue(input[index + 1]), let low = QuotedPrintable.hexValue(input[index + 2]) {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(input[index])
                index += 1
            }
        }
        return out
    }
}
