/// Article HTML, reduced to an allow-list of tags and attributes with safe URLs, and its plain text.
/// Everything else is dropped (scripts and styles with their content). Character references are decoded with the
/// whole HTML5 table and only `&`, `<`, `>` and quotes are escaped again, so the output is well-formed, can be
/// inserted into a page as is, and sanitises to itself. Links get `rel="noopener noreferrer nofollow"` and images
/// `loading="lazy"` (after their other attributes), images keep a numeric `width` and `height`, and a `div` keeps
/// the class of the editor's callouts (`callout-note`, `callout-warning`): the portal's editor writes exactly this
/// form, so what an agent sees is what visitors get.
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
        "th": ["colspan", "rowspan", "scope"], "ol": ["start"], "div": ["class"],
    ]
    /// Attributes kept only with one of these values (anything else is dropped): the editor's callout blocks.
    static let allowedValues: [String: Set<String>] = ["class": ["callout-note", "callout-warning"]]
    /// Attributes kept only as a whole number of at most five digits: an image's size, so that the page keeps its
    /// room while it loads.
    static let numericAttributes: Set<String> = ["width", "height"]
    static let urlAttributes: Set<String> = ["href", "src"]

    /// The allow-listed HTML of `html`.
    public static func sanitize(_ html: String) -> String {
        walk(html).html
    }

    /// What `sanitize` would lose without a trace: an element dropped with its content (`<svg>`, `<style>`,
    /// `<title>`, `<script>`, …), a comment or declaration, or a quoted attribute value left open takes the rest
    /// of the article with it. One message each, such as "unclosed <svg>" or "unclosed <!--"; none for HTML that
    /// sanitises without such a loss. Refuse HTML with problems rather than store what `sanitize` makes of it.
    public static func problems(_ html: String) -> [String] {
        walk(html).problems
    }

    /// What `sanitize` takes out of `html`, one description per kind in order of appearance: "<script> with its
    /// content", "<font> tags (their text kept)", "style attributes", "unsafe addresses in href"… (an importer
    /// reports them). Empty when the HTML is already in the sanitiser's form, apart from attribute order, quoting and
    /// the attributes it adds.
    public static func removals(_ html: String) -> [String] {
        walk(html).removed
    }

    /// The `src` of each image `sanitize` keeps in `html`, in order, each once (as the sanitised HTML has it, decoded).
    public static func imageSources(_ html: String) -> [String] {
        var sources: [String] = []
        _ = walk(html) { source in
            if !sources.contains(source) { sources.append(source) }
            return source
        }
        return sources
    }

    /// `sanitize(html)` with each image `src` found in `replacements` changed to its replacement (an importer
    /// pointing images at the copies it stored); every other attribute stays, `width` and `height` included.
    public static func sanitize(_ html: String, replacingImageSources replacements: [String: String]) -> String {
        walk(html) { replacements[$0] ?? $0 }.html
    }

    /// The sanitised HTML, its problems and what it removed, in one pass; `imageSource` sees (and may replace) each
    /// kept image `src`.
    private static func walk(_ html: String, imageSource: ((String) -> String)? = nil) -> (html: String, problems: [String], removed: [String]) {
        var output = ""
        var open: [String] = []
        var skipping: String? = nil
        var removed: [String] = []
        func remove(_ what: String) { if !removed.contains(what) { removed.append(what) } }
        var tokenizer = HTMLTokenizer(html)
        while let token = tokenizer.next() {
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
                    remove("<\(name)> with its content")
                    continue
                }
                guard allowedTags.contains(name) else {
                    remove("<\(name)> tags (their content kept)")
                    continue
                }
                output += "<" + name
                var linked = false
                for (attribute, value) in attributes {
                    guard allowedAttributes[name]?.contains(attribute) == true else {
                        if !(name == "a" && attribute == "rel") && !(name == "img" && attribute == "loading") { remove("\(attribute) attributes") }
                        continue
                    }
                    if urlAttributes.contains(attribute) {
                        guard var url = safeURL(value, image: name == "img") else {
                            remove("unsafe addresses in \(attribute)")
                            continue
                        }
                        if name == "img", let imageSource { url = imageSource(url) }
                        output += " \(attribute)=\"\(escape(url))\""
                        linked = linked || attribute == "href"
                    } else if let values = allowedValues[attribute] {
                        guard values.contains(value) else {
                            remove("\(attribute) values other than \(values.sorted().joined(separator: ", "))")
                            continue
                        }
                        output += " \(attribute)=\"\(value)\""
                    } else if numericAttributes.contains(attribute) {
                        guard (1...5).contains(value.utf8.count), value.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
                            remove("\(attribute) values that are not whole numbers")
                            continue
                        }
                        output += " \(attribute)=\"\(value)\""
                    } else {
                        output += " \(attribute)=\"\(escape(value))\""
                    }
                }
                if linked { output += " rel=\"noopener noreferrer nofollow\"" }
                if name == "img" { output += " loading=\"lazy\"" }
                output += ">"
                if !voidTags.contains(name) { open.append(name) }
            case .endTag(let name):
                guard allowedTags.contains(name), !voidTags.contains(name), let index = open.lastIndex(of: name) else { continue }
                for closing in open[index...].reversed() { output += "</\(closing)>" }
                open.removeSubrange(index...)
            }
        }
        for closing in open.reversed() { output += "</\(closing)>" }
        let problems = [skipping.map { "unclosed <\($0)>" }, tokenizer.unclosed.map { "unclosed \($0)" }]
        return (output, problems.compactMap { $0 }, removed)
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
