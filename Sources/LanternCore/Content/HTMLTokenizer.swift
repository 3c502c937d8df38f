

/// A forgiving HTML tokenizer: start tags with attributes, end tags and text (character references decoded).
/// Comments, doctypes and processing instructions are skipped; a `<` that does not open a tag is text.
struct HTMLTokenizer: Sequence, IteratorProtocol {
    enum Token: Equatable {
        case text(String)
        case startTag(String, [(String, String)], selfClosing: Bool)
        case endTag(String)

        static func == (lhs: Token, rhs: Token) -> Bool {
            switch (lhs, rhs) {
            case (.text(let a), .text(let b)): a == b
            case (.endTag(let a), .endTag(let b)): a == b
            case (.startTag(let a, let x, let s), .startTag(let b, let y, let t)):
                a == b && s == t && x.map { $0.0 + "=" + $0.1 } == y.map { $0.0 + "=" + $0.1 }
            default: false
            }
        }
    }

    private let scalars: [Unicode.Scalar]
    private var index = 0
    /// What ran to the end of the input unclosed, taking the rest with it: `<!--`, `<!`, `<?`, or
    /// `attribute quote in <img>`.
    private(set) var unclosed: String?

    init(_ html: String) {
        scalars = Array(html.unicodeScalars)
    }

    mutating func next() -> Token? {
        while index < scalars.count {
            if scalars[index] == "<", let token = tag() { return token }
            if scalars[index] == "<", index + 1 < scalars.count, scalars[index + 1] == "!" || scalars[index + 1] == "?" {
                skipDeclaration()
                continue
            }
            return text()
        }
        return nil
    }

    private mutating func text() -> Token {
        let start = index
        index += 1
        while index < scalars.count, scalars[index] != "<" { index += 1 }
        return .text(Self.decodeEntities(scalars[start..<index], inAttribute: false))
    }

    private mutating func skipDeclaration() {
        if index + 3 < scalars.count, scalars[index + 2] == "-", scalars[index + 3] == "-" {
            index += 4
            while index < scalars.count {
                if scalars[index] == "-", index + 2 < scalars.count, scalars[index + 1] == "-", scalars[index + 2] == ">" {
                    index += 3
                    return
                }
                index += 1
            }
            unclosed = "<!--"
            return
        }
        let opening = "<" + String(scalars[index + 1])
        while index < scalars.count, scalars[index] != ">" { index += 1 }
        if index == scalars.count { unclosed = opening }
        index += 1
    }

    /// A tag starting at `<`, or `nil` (leaving `index` alone) if this `<` is text.
    private mutating func tag() -> Token? {
        var cursor = index + 1
        let closing = cursor < scalars.count && scalars[cursor] == "/"
        if closing { cursor += 1 }
        let nameStart = cursor
        while cursor < scalars.count, Self.isNameScalar(scalars[cursor]) { cursor += 1 }
        guard cursor > nameStart, Self.isLetter(scalars[nameStart]) else { return nil }
        let name = String(String.UnicodeScalarView(scalars[nameStart..<cursor])).lowercased()
        var attributes: [(String, String)] = []
        var selfClosing = false
        while cursor < scalars.count {
            let scalar = scalars[cursor]
            if scalar == ">" { cursor += 1; break }
            if scalar == "/" { selfClosing = true; cursor += 1; continue }
            if scalar.properties.isWhitespace { cursor += 1; continue }
            let attributeStart = cursor
            while cursor < scalars.count, !scalars[cursor].properties.isWhitespace, scalars[cursor] != "=", scalars[cursor] != ">",
                  scalars[cursor] != "/" || cursor == attributeStart { cursor += 1 }
            let attribute = String(String.UnicodeScalarView(scalars[attributeStart..<cursor])).lowercased()
            while cursor < scalars.count, scalars[cursor].properties.isWhitespace { cursor += 1 }
            var value = ""
            if cursor < scalars.count, scalars[cursor] == "=" {
                cursor += 1
                while cursor < scalars.count, scalars[cursor].properties.isWhitespace { cursor += 1 }
                if cursor < scalars.count, scalars[cursor] == "\"" || scalars[cursor] == "'" {
                    let quote = scalars[cursor]
                    let valueStart = cursor + 1
                    cursor = valueStart
                    while cursor < scalars.count, scalars[cursor] != quote { cursor += 1 }
                    if cursor == scalars.count { unclosed = "attribute quote in <\(name)>" }
                    value = Self.decodeEntities(scalars[valueStart..<cursor], inAttribute: true)
                    cursor += 1
                } else {
                    let valueStart = cursor
                    while cursor < scalars.count, !scalars[cursor].properties.isWhitespace, scalars[cursor] != ">" { cursor += 1 }
                    value = Self.decodeEntities(scalars[valueStart..<cursor], inAttribute: true)
                }
            }
            if !attribute.isEmpty, !attributes.contains(where: { $0.0 == attribute }) { attributes.append((attribute, value)) }
        }
        index = cursor
        return closing ? .endTag(name) : .startTag(name, attributes, selfClosing: selfClosing)
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value)
    }

    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        isLetter(scalar) || (0x30...0x39).contains(scalar.value) || scalar == "-"
    }

    /// Text with character references decoded as HTML5 does: a named one by the longest name in
    /// `HTMLNamedCharacters` (a legacy name also without `;`, but not in an attribute value when a letter, digit or
    /// `=` follows: `?a=1&copy=2` stays a URL), a numeric one with `;`. Anything else stays as written.
    static func decodeEntities(_ scalars: ArraySlice<Unicode.Scalar>, inAttribute: Bool) -> String {
        var out = String.UnicodeScalarView()
        var index = scalars.startIndex
        while index < scalars.endIndex {
            if scalars[index] == "&", let (decoded, end) = reference(scalars, after: index, inAttribute: inAttribute) {
                out.append(contentsOf: decoded.unicodeScalars)
                index = end
            } else {
                out.append(scalars[index])
                index += 1
            }
        }
        return String(out)
    }

    /// The characters of the reference whose `&` is at `ampersand`, and the index after it.
    private static func reference(_ scalars: ArraySlice<Unicode.Scalar>, after ampersand: Int,
                                  inAttribute: Bool) -> (String, Int)? {
        let start = ampersand + 1
        guard start < scalars.endIndex else { return nil }
        if scalars[start] == "#" { return numericReference(scalars, from: start + 1) }
        var end = start
        let longest = HTMLNamedCharacters.longestName - 1
        while end < scalars.endIndex, end - start < longest, scalars[end].isASCIIAlphanumeric { end += 1 }
        let name = String(String.UnicodeScalarView(scalars[start..<end]))
        if end < scalars.endIndex, scalars[end] == ";", let decoded = HTMLNamedCharacters.table[name + ";"] {
            return (decoded, end + 1)
        }
        for length in stride(from: Swift.min(name.count, HTMLNamedCharacters.longestLegacyName), to: 0, by: -1) {
            guard let decoded = HTMLNamedCharacters.table[String(name.prefix(length))] else { continue }
            let next = start + length
            if inAttribute, next < scalars.endIndex, scalars[next].isASCIIAlphanumeric || scalars[next] == "=" { return nil }
            return (decoded, next)
        }
        return nil
    }

    /// `&#233;` or `&#xE9;` (the `&#` before `start`): a scalar other than NUL, with its `;`.
    private static func numericReference(_ scalars: ArraySlice<Unicode.Scalar>, from start: Int) -> (String, Int)? {
        let hex = start < scalars.endIndex && (scalars[start] == "x" || scalars[start] == "X")
        let digits = hex ? start + 1 : start
        var end = digits
        while end < scalars.endIndex, end - digits < 10,
              hex ? scalars[end].properties.isASCIIHexDigit : (0x30...0x39).contains(scalars[end].value) { end += 1 }
        guard end > digits, end < scalars.endIndex, scalars[end] == ";",
              let value = UInt32(String(String.UnicodeScalarView(scalars[digits..<end])), radix: hex ? 16 : 10),
              value != 0, let scalar = Unicode.Scalar(value) else { return nil }
        return (String(scalar), end + 1)
    }
}
