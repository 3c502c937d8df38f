import Foundation
import LanternCore
import Vapor

extension Response {
    /// A ticket attachment's bytes, always as a download and never rendered: the agent API and the agent portal
    /// answer with the same headers.
    static func attachmentDownload(_ file: TicketAttachment) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: file.contentType)
        headers.replaceOrAdd(name: .contentDisposition, value: contentDisposition(file.filename))
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: .contentSecurityPolicy, value: "default-src 'none'; sandbox")
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return Response(status: .ok, headers: headers, body: .init(data: file.data))
    }

    /// `attachment; filename="…"` with an ASCII fallback and the UTF-8 name (RFC 6266); control characters
    /// become `_` in the fallback (and are percent-encoded in the UTF-8 name), so no name can end the header.
    static func contentDisposition(_ filename: String) -> String {
        let ascii = String(filename.unicodeScalars.map {
            $0.isASCII && !HeaderValue.isControl($0) && $0 != "\"" && $0 != "\\" ? Character($0) : "_"
        })
        let encoded = filename.addingPercentEncoding(withAllowedCharacters: Self.attrChar) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }

    /// ASCII letters, digits, `.`, `-` and `_`: what an RFC 5987 value keeps as it is (`.alphanumerics` would also
    /// keep non-ASCII letters).
    private static let attrChar = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_")
}
