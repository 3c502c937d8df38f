import Foundation

/// RFC 2047 encoded words: how a header carries text that is not ASCII (`=?UTF-8?B?…?=`).
public enum EncodedWord {
    /// The longest encoded word RFC 2047 allows.
    static let maximumWordLength = 75

    /// `text` as a header value: kept as it is when it is printable ASCII in words a header line can hold and cannot
    /// be mistaken for an encoded word, else as UTF-8 base64 encoded words of at most 75 characters, separated by folding white space
    /// (`"\r\n "`), each holding whole characters. Control characters must have been removed before.
    public static func encode(_ text: String) -> String {
        let isPlain = text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
        if isPlain && !text.contains("=?") && !text.split(separator: " ").contains(where: { $0.count > 76 }) { return text }
        // "=?UTF-8?B?" + base64 + "?=": 12 characters around at most 63 of base64, i.e. 45 bytes of text.
        let maximumBytes = 45
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if !chunk.isEmpty && chunk.count + bytes.count > maximumBytes {
                words.append(word(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(word(chunk)) }
        return words.joined(separator: "\r\n ")
    }

    private static func word(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?="
    }

    /// A header value with its encoded words decoded (B and Q, in any charset `MailCharset` reads). White space
    /// between two encoded words is dropped; adjacent words in one charset are decoded together, so a character
    /// split across two words survives. A malformed encoded word is left as it is.
    public static func decode(_ value: String) -> String {
        guard value.contains("=?") else { return value }
        var out = ""
        var pending: (charset: String, bytes: [UInt8])? = nil
        var gap = ""
        var rest = Substring(value)
        func flush() {
            if let current = pending { out += MailCharset.decode(current.bytes, charset: current.charset) }
            pending = nil
        }
        while !rest.isEmpty {
            if rest.hasPrefix("=?"), let (charset, bytes, length) = parseWord(rest) {
                let key = MailCharset.normalized(charset)
                if let current = pending, MailCharset.normalized(current.charset) == key {
                    pending = (current.charset, current.bytes + bytes)
                } else {
                    flush()
                    pending = (charset, bytes)
                }
                gap = ""
                rest = rest.dropFirst(length)
                continue
            }
            let character = rest.removeFirst()
            if pending != nil && (character == " " || character == "\t" || character == "\r\n" || character == "\n" || character == "\r") {
                gap.append(character)
                continue
            }
            flush()
            out += gap.filter { $0 != "\r\n" && $0 != "\n" && $0 != "\r" }
            gap = ""
            out.append(character)
        }
        flush()
        out += gap
        return out
    }

    /// Parses `=?charset[*lang]?B|Q?text?=` at the start of `text`: the charset, the bytes and the word's length.
    private static func parseWord(_ text: Substring) -> (String, [UInt8], Int)? {
        let parts = text.dropFirst(2)
        guard let firstMark = parts.firstIndex(of: "?") else { return nil }
        let charsetField = parts[..<firstMark]
        let afterCharset = parts[parts.index(after: firstMark)...]
        guard let encoding = afterCharset.first, afterCharset.dropFirst().first == "?" else { return nil }
        let payloadStart = afterCharset.dropFirst(2)
        guard let end = payloadStart.range(of: "?=") else { return nil }
        let payload = payloadStart[..<end.lowerBound]
        guard !charsetField.isEmpty, !payload.contains(" "), !charsetField.contains(" ") else { return nil }
        let charset = String(charsetField.split(separator: "*", maxSplits: 1).first ?? charsetField)
        let bytes: [UInt8]
        switch encoding {
        case "B", "b":
            var padded = String(payload)
            while padded.count % 4 != 0 { padded += "=" }
            guard let data = Data(base64Encoded: padded) else { return nil }
            bytes = Array(data)
        case "Q", "q":
            bytes = decodeQ(Array(payload.utf8))
        default:
            return nil
        }
        let length = text.distance(from: text.startIndex, to: end.upperBound)
        return (charset, bytes, length)
    }

    /// The Q encoding: `_` is a space, `=XX` a byte.
    private static func decodeQ(_ input: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "_") {
                out.append(0x20)
            } else if byte == UInt8(ascii: "="), index + 2 < input.count,
                      let high = QuotedPrintable.hexValue(input[index + 1]), let low = QuotedPrintable.hexValue(input[index + 2]) {
                out.append(high << 4 | low)
                index += 3
                continue
            } else {
                out.append(byte)
            }
            index += 1
        }
        return out
    }
}
