/// A page rule's URL pattern, matched against a page's path, query and hash (`PageAddress`), case-sensitively:
/// - `prefix`: the address starts with the pattern (`/billing` matches `/billing`, `/billing/invoices?x=1`);
/// - `glob`: the whole address matches, `*` standing for any run of characters (`/` included) and `?` for one
///   (`/billing/*` matches `/billing/invoices?x=1`, not `/billing`);
/// - `regex`: a `SafeRegex` found anywhere in the address (anchor it with `^` and `$`).
/// Every kind answers in time linear in the address's length.
public struct PagePattern: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case prefix, glob, regex
    }

    public static let maximumLength = SafeRegex.maximumPatternLength

    public let kind: Kind
    public let pattern: String
    private let matcher: Matcher

    private enum Matcher: Sendable {
        case prefix([Unicode.Scalar])
        case expression(SafeRegex)
    }

    /// The pattern, or the reason it cannot be used (for a 422 naming the rule).
    public init(kind: Kind, pattern: String) throws(SafeRegex.SyntaxError) {
        guard !pattern.isEmpty else { throw SafeRegex.SyntaxError(message: "must not be empty") }
        guard pattern.count <= Self.maximumLength else {
            throw SafeRegex.SyntaxError(message: "is longer than \(Self.maximumLength) characters")
        }
        guard !pattern.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw SafeRegex.SyntaxError(message: "must not contain control characters")
        }
        self.kind = kind
        self.pattern = pattern
        switch kind {
        case .prefix, .glob:
            guard pattern.hasPrefix("/") || (kind == .glob && (pattern.hasPrefix("*") || pattern.hasPrefix("?"))) else {
                throw SafeRegex.SyntaxError(message: kind == .prefix ? "must start with / (it is matched against the page's path, query and hash)"
                                                                     : "must start with /, * or ? (it is matched against the page's path, query and hash)")
            }
            matcher = kind == .prefix ? .prefix(Array(pattern.unicodeScalars)) : .expression(try Self.glob(pattern))
        case .regex:
            matcher = .expression(try SafeRegex(pattern))
        }
    }

    /// Whether the page at `address` (its path, query and hash) matches.
    public func matches(_ address: PageAddress) -> Bool {
        switch matcher {
        case .prefix(let prefix): address.scalars.starts(with: prefix)
        case .expression(let expression): expression.matches(address.scalars)
        }
    }

    /// A glob as an anchored expression: `*` any run, `?` any one character, everything else itself.
    private static func glob(_ pattern: String) throws(SafeRegex.SyntaxError) -> SafeRegex {
        var expression = "^"
        for scalar in pattern.unicodeScalars {
            switch scalar {
            case "*": expression += ".*"
            case "?": expression += "."
            case "\\", ".", "+", "(", ")", "[", "]", "{", "}", "|", "^", "$": expression += "\\" + String(scalar)
            default: expression.unicodeScalars.append(scalar)
            }
        }
        expression += "$"
        return try SafeRegex(expression, limit: Self.maximumLength * 3)
    }
}

/// What page rules look at: a page's path, query and hash (`/billing/invoices?year=2025#unpaid`), from the page's
/// full URL or from that part alone.
public struct PageAddress: Sendable, Equatable {
    public static let maximumLength = 2_048

    public let text: String
    let scalars: [Unicode.Scalar]

    /// `nil` when `url` is neither an `http(s)://` URL nor an address starting with a single `/`, is longer than
    /// `maximumLength`, or contains control characters or spaces.
    public init?(url: String) {
        guard !url.isEmpty, url.utf8.count <= Self.maximumLength,
              !url.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) else { return nil }
        var text: Substring
        let lowered = url.prefix(8).lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") {
            let rest = url.dropFirst(lowered.hasPrefix("http://") ? 7 : 8)
            guard let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) else {
                guard !rest.isEmpty else { return nil }
                text = "/"
                self.init(text: String(text))
                return
            }
            guard end > rest.startIndex else { return nil }
            text = rest[end...]
            if text.first != "/" { text = "/" + text }
        } else if url.hasPrefix("/") && !url.hasPrefix("//") {
            text = Substring(url)
        } else {
            return nil
        }
        self.init(text: String(text))
    }

    private init(text: String) {
        self.text = text
        self.scalars = Array(text.unicodeScalars)
    }
}
