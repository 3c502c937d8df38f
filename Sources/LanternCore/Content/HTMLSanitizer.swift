/// Article HTML, reduced to an allow-list of tags and attributes with safe URLs, and its plain text.
/// Everything else is dropped (scripts and styles with their content); text is re-escaped, so the output is
/// well-formed and can be inserted into a page as is.
public enum HTMLSanitizer {
    static let allowedTags: Set<String> = [
        "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "b", "em", "i", "u", "s", "code",
        "pre", "blockquote", "a", "img", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "hr", "span", "div",
        "sup", "sub", "dl", "dt", "dd", "mark", "figure", "figcaption",
    ]
    static let voidTags: Set<String> = ["br", "hr", "img"]
    /// Tags dropped together with everything inside them.
    static let droppedWithContent: Set<String> = ["script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math", "textarea", "select", "title", "head"]
    static let blockTags: Set<String> = [
        "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "pre", "blockquote", "table", "tr", "th", "td",
        "hr", "div", "dl", "dt", "dd", "figure", "figcaption",
    ]
    static let allowedAttributes: [String: Set<String>] = [
        "a": ["href", "title"], "img": ["src", "alt", "title", "width", "height"], "td": ["colspan", "rowspan"],
        "th": ["colspan", "rowspan", "scope"], "ol": ["start"],
    ]
    static let urlAttributes: Set<String> = ["href", "src"]

    /// The allow-listed HTML of `html`.
    public static func sanitize(_ html: String) -> String {
        var output = ""
        var open: [String] = []
        var skipping: String? = nil
        for token in HTMLTokenizer(html) {
            if let skipped = skipping {
                if case .endTag(let name) = token, name == skipped { skipping = nil }
                continue
            }
            switch token {
            case .text(let text):
                output += escape(text)
            case .startTag(let name, let attributes, let selfClosing):
                if droppedWithContent.contains(name) {
                    if !selfClosing { skipping = name }
                    continue
                }
                guard allowedTags.contains(name) else { continue }
                output += "<" + name
                var linked = false
                for (attribute, value) in attributes where allowedAttributes[name]?.contains(attribute) == true {
                    if urlAttributes.contains(attribute) {
                        guard let url = safeURL(value, image: name == "img") else { continue }
                        output += " \(attribute)=\"\(escape(url))\""
                        linked = linked || attribute == "href"
                    } else {
                        output += " \(attribute)=\"\(escape(value))\""
                    }
                }
                if linked { output += " rel=\"noopener noreferrer nofollow\"" }
                output += ">"
                if !voidTags.contains(name) { open.append(name) }
            case .endTag(let name):
                guard allowedTags.contains(name), !voidTags.contains(name), let index = open.lastIndex(of: name) else { continue }
                for closing in open[index...].reversed() { output += "</\(closing)>" }
                open.removeSubrange(index...)
            }
        }
        for closing in open.reversed() { output += "</\(closing)>" }
        return output
    }

    /// The visible text of `html`: tags removed, entities decoded, blocks separated by spaces, white space collapsed.
    public static func plainText(_ html: String) -> String {
        var text = ""
        var skipping: String? = nil
        for token in HTMLTokenizer(html) {
            if let skipped = skipping {
                if case .endTag(let name) = token, name == skipped { skipping = nil }
                continue
            }
            switch token {
            case .text(let chunk): text += chunk
            case .startTag(let name, _, let selfClosing):
                if droppedWithContent.contains(name), !selfClosing { skipping = name }
                if blockTags.contains(name) { text += " " }
            case .endTag(let name):
                if blockTags.contains(name) { text += " " }
            }
        }
        return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Text escaped for HTML content and double-quoted attributes.
    public static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 { appendEscaped(byte, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends one UTF-8 byte of text, escaped: the five characters that matter are ASCII, so they never occur
    /// inside another character's bytes.
    public static func appendEscaped(_ byte: UInt8, to out: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
        case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
        case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
        case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
        case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
        default: out.append(byte)
        }
    }

    /// http(s), mailto and relative URLs; images only http(s) and relative. Anything else (javascript:, data:, …) is refused.
    static func safeURL(_ raw: String, image: Bool) -> String? {
        let url = String(raw.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F })
        guard !url.isEmpty else { return nil }
        if let colon = url.firstIndex(of: ":"), !url[..<colon].contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            let scheme = url[..<colon].lowercased()
            let allowed: Set<String> = image ? ["http", "https"] : ["http", "https", "mailto"]
            return allowed.contains(scheme) ? url : nil
        }
        return url
    }
}

/// A forgiving HTML tokenizer: start tags with attributes, end tags and text (entities decoded). Comments,
/// doctypes and processing instructions are skipped; a `<` that does not open a tag is text.
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
        return .text(Self.decodeEntities(scalars[start..<index]))
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
            return
        }
        while index < scalars.count, scalars[index] != ">" { index += 1 }
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
                    value = Self.decodeEntities(scalars[valueStart..<Swift.min(cursor, scalars.count)])
                    cursor += 1
                } else {
                    let valueStart = cursor
                    while cursor < scalars.count, !scalars[cursor].properties.isWhitespace, scalars[cursor] != ">" { cursor += 1 }
                    value = Self.decodeEntities(scalars[valueStart..<cursor])
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

    static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "copy": "©", "reg": "®",
        "trade": "™", "hellip": "…", "mdash": "—", "ndash": "–", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”",
        "laquo": "«", "raquo": "»", "euro": "€", "pound": "£", "eacute": "é", "egrave": "è", "ecirc": "ê", "agrave": "à",
        "acirc": "â", "ccedil": "ç", "ocirc": "ô", "ucirc": "û", "ugrave": "ù", "icirc": "î", "iuml": "ï", "euml": "ë",
        "auml": "ä", "ouml": "ö", "uuml": "ü", "szlig": "ß", "Eacute": "É", "Agrave": "À", "ntilde": "ñ", "deg": "°",
        "middot": "·", "bull": "•", "times": "×",
    ]

    /// Text with character references decoded; unknown references stay as written.
    static func decodeEntities(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var out = String.UnicodeScalarView()
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            guard scalar == "&", let semicolon = scalars[index...].prefix(12).firstIndex(of: ";") else {
                out.append(scalar)
                index += 1
                continue
            }
            let name = String(String.UnicodeScalarView(scalars[(index + 1)..<semicolon]))
            var decoded: String? = nil
            if name.hasPrefix("#x") || name.hasPrefix("#X") {
                decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
            } else if name.hasPrefix("#") {
                decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
            } else {
                decoded = namedEntities[name]
            }
            if let decoded, decoded != "\u{0}" {
                out.append(contentsOf: decoded.unicodeScalars)
                index = semicolon + 1
            } else {
                out.append(scalar)
                index += 1
            }
        }
        return String(out)
    }
}
