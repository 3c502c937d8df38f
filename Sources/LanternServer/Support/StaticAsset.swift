import Crypto
import Foundation
import Vapor

/// One static file of the public directory, read once at start-up and served from memory with a strong validator.
struct StaticAsset: Sendable {
    let bytes: [UInt8]
    let contentType: HTTPMediaType
    /// A strong validator: the first 16 bytes of the SHA-256 of the content, in hex.
    let digest: String

    init(bytes: [UInt8], contentType: HTTPMediaType) {
        self.bytes = bytes
        self.contentType = contentType
        digest = Self.digest(bytes)
    }

    /// The files named `names` in `folder` that could be read, by name; the type comes from the name's extension.
    static func load(_ names: [String], in folder: URL) -> [String: StaticAsset] {
        var files: [String: StaticAsset] = [:]
        for name in names {
            guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)) else { continue }
            files[name] = StaticAsset(bytes: Array(data), contentType: contentType(of: name))
        }
        return files
    }

    /// `.js` and `.css` as UTF-8 text, anything else as HTML.
    static func contentType(of name: String) -> HTTPMediaType {
        if name.hasSuffix(".js") { return HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"]) }
        if name.hasSuffix(".css") { return HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"]) }
        return .html
    }

    static func digest(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    /// The file with its validator and `cacheControl`; 304 when the browser's copy is current. Compressed (gzip or
    /// deflate) when the browser accepts it. `variant` names what else the answer depends on (it changes the ETag).
    func response(to request: Request, cacheControl: String, variant: String = "") -> Response {
        let etag = "\"" + (variant.isEmpty ? digest : Self.digest(Array((digest + variant).utf8))) + "\""
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .eTag, value: etag)
        headers.replaceOrAdd(name: .cacheControl, value: cacheControl)
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: .vary, value: "Accept-Encoding")
        if let ifNoneMatch = request.headers.first(name: .ifNoneMatch),
           ifNoneMatch.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag || $0.trimmingCharacters(in: .whitespaces) == "*" }) {
            return Response(status: .notModified, headers: headers)
        }
        headers.contentType = contentType
        let response = Response(status: .ok, headers: headers, body: .init(buffer: ByteBuffer(bytes: bytes)))
        response.headers.responseCompression = .enable
        return response
    }
}
