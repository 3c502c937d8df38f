/// Quoted-printable (RFC 2045 §6.7): what Lantern writes its text bodies in, and one of the encodings it reads.
public enum QuotedPrintable {
    /// The longest encoded line, soft line break included.
    public static let maximumLineLength = 76

    /// Encodes `text` as UTF-8 in lines of at most 76 characters joined by CRLF. Line breaks in `text` (LF or CRLF)
    /// become hard CRLF breaks; `=`, controls, non-ASCII bytes and white space before a line break are escaped.
    public static func encode(_ text: String) -> String {
        var out = ""
        let lines = text.replacingLineBreaks().split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            if index > 0 { out += "\r\n" }
            encodeLine(Array(line.utf8), into: &out)
        }
        return out
    }

    private static func encodeLine(_ bytes: [UInt8], into out: inout String) {
        var column = 0
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 0x20 || byte == 0x09) && !isLast)
            let token = literal ? String(UnicodeScalar(byte)) : escaped(byte)
            // Leave room for the soft break's "=" unless this is the line's last token.
            let limit = isLast ? maximumLineLength : maximumLineLength - 1
            if column + token.count > limit {
                out += "=\r\n"
                column = 0
            }
            out += token
            column += token.count
        }
    }

    private static func escaped(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        return "=" + String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]], as: UTF8.self)
    }

    /// Decodes a quoted-printable body: `=XX` escapes, soft line breaks, white space at line ends dropped. A
    /// malformed escape is kept as it is, the way mail clients show it.
    public static func decode(_ bytes: some Collection<UInt8>) -> [UInt8] {
        let input = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var lineStart = 0
        while lineStart <= input.count {
            var lineEnd = input[lineStart...].firstIndex(of: 0x0A) ?? input.count
            let hasBreak = lineEnd < input.count
            var contentEnd = lineEnd
            if contentEnd > lineStart && input[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            while contentEnd > lineStart && (input[contentEnd - 1] == 0x20 || input[contentEnd - 1] == 0x09) { contentEnd -= 1 }
            var soft = false
            var index = lineStart
            while index < contentEnd {
                let byte = input[index]
                if byte == UInt8(ascii: "=") {
                    if index == contentEnd - 1 { soft = true; index += 1; continue }
                    if index + 2 < contentEnd, let high = hexValue(input[index + 1]), let low = hexValue(input[index + 2]) {
                        out.append(high << 4 | low)
                        index += 3
                        continue
                    }
                }
                out.append(byte)
                index += 1
            }
            if hasBreak && !soft { out.append(contentsOf: [0x0D, 0x0A]) }
            if !hasBreak { break }
            lineEnd += 1
            lineStart = lineEnd
        }
        return out
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}

extension String {
    /// The string with every CRLF and lone CR as LF.
    func replacingLineBreaks() -> String {
        guard unicodeScalars.contains("\r") else { return self }
        var out = String.UnicodeScalarView()
        var previousCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" {
                out.append("\n")
                previousCR = true
                continue
            }
            if scalar == "\n" && previousCR { previousCR = false; continue }
            previousCR = false
            out.append(scalar)
        }
        return String(out)
    }
}
