import LanternCore
import Vapor

/// A fragment of HTML. Built with string interpolation, where every interpolated `String` is escaped by
/// construction (`HTMLSanitizer.escape`); nested `HTML` goes in as it is. The only way to put unescaped text in is
/// `\(sanitized:)`, which runs the text through `HTMLSanitizer` first. So agent- and customer-provided strings
/// are escaped on every page, and article bodies are always sanitised.
struct HTML: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    fileprivate(set) var raw: String

    init(stringLiteral value: String) { raw = value }
    init(stringInterpolation: StringInterpolation) { raw = stringInterpolation.raw }
    private init(raw: String) { self.raw = raw }

    static let empty = HTML(raw: "")

    var description: String { raw }

    static func + (lhs: HTML, rhs: HTML) -> HTML { HTML(raw: lhs.raw + rhs.raw) }

    /// Escaped text.
    static func text(_ value: String) -> HTML { HTML(raw: HTMLSanitizer.escape(value)) }

    /// Article HTML, passed through the sanitiser the widget uses.
    static func sanitized(_ value: String) -> HTML { HTML(raw: HTMLSanitizer.sanitize(value)) }

    struct StringInterpolation: StringInterpolationProtocol {
        fileprivate var raw = ""

        init(literalCapacity: Int, interpolationCount: Int) { raw.reserveCapacity(literalCapacity + interpolationCount * 16) }

        mutating func appendLiteral(_ literal: String) { raw += literal }
        mutating func appendInterpolation(_ text: String) { raw += HTMLSanitizer.escape(text) }
        mutating func appendInterpolation(_ text: String?) { raw += HTMLSanitizer.escape(text ?? "") }
        mutating func appendInterpolation(_ number: Int) { raw += String(number) }
        mutating func appendInterpolation(_ html: HTML) { raw += html.raw }
        mutating func appendInterpolation(_ list: [HTML]) { for html in list { raw += html.raw } }
        mutating func appendInterpolation(sanitized html: String) { raw += HTMLSanitizer.sanitize(html) }
    }
}

extension Sequence {
    /// Maps each element to HTML and joins the results.
    func html(_ transform: (Element) throws -> HTML) rethrows -> HTML {
        var out = HTML.empty
        for element in self { out.raw += try transform(element).raw }
        return out
    }
}

extension HTML {
    /// A complete `text/html` response that no shared cache keeps. Its policy allows only Lantern's own scripts
    /// (`/assets/portal.js`), never inline ones; inline styles stay allowed for the `style` attributes pages still use.
    func response(status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        headers.replaceOrAdd(name: "Content-Security-Policy",
                             value: "default-src 'self'; img-src 'self' https: data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; form-action 'self'")
        return Response(status: status, headers: headers, body: .init(string: raw))
    }
}

/// A redirect after a POST (303: the browser follows with GET). A location with a control character (which would end
/// the header) is never sent: callers pass paths checked by `LocalRedirect`, and anything else goes to `/`.
func seeOther(_ location: String) -> Response {
    let response = Response(status: .seeOther)
    response.headers.replaceOrAdd(name: .location, value: HeaderValue.isSafe(location) ? location : "/")
    response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
    return response
}
