import Crypto
import Fluent
import Foundation
import LanternCore
import Vapor

/// Registers what a customer's site needs to embed the widget: the loader, the frame page and its assets, and
/// cross-origin access to the widget config for the loader. Called once from `routes(_:)`.
func registerWidgetEmbedding(_ app: Application) throws {
    let assets = WidgetAssets.load(directory: WidgetAssets.locateDirectory(workingDirectory: app.directory.workingDirectory))
    if assets.directory == nil {
        app.logger.warning("Widget assets not found: set LANTERN_PUBLIC_DIR to the directory holding widget/loader.js (usually Public/). /widget/v1/loader.js answers 404 until then.")
    }
    app.middleware.use(WidgetConfigCORSMiddleware())
    try app.register(collection: WidgetAssetsController(assets: assets))
}

/// The widget's static files (`Public/widget/`), read once at start-up, with their validators.
struct WidgetAssets: Sendable {
    struct Asset: Sendable {
        let bytes: [UInt8]
        let contentType: HTTPMediaType
        /// A strong validator: the first 16 bytes of the SHA-256 of the content, in hex.
        let digest: String
    }

    /// The directory the files came from; `nil` when none was found.
    let directory: String?
    let files: [String: Asset]

    /// The files served, by name inside `widget/`.
    static let names = ["loader.js", "frame.html", "widget.js", "widget.css"]

    /// `LANTERN_PUBLIC_DIR`, else `Public/` in the working directory, else `Public/` of the source checkout this
    /// binary was built from (so `swift run` and `swift test` work from anywhere in the repository).
    static func locateDirectory(workingDirectory: String,
                                environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        var candidates: [String] = []
        if let configured = environment["LANTERN_PUBLIC_DIR"], !configured.isEmpty { candidates.append(configured) }
        candidates.append(URL(fileURLWithPath: workingDirectory).appendingPathComponent("Public").path)
        let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(sourceRoot.appendingPathComponent("Public").path)
        return candidates.first { FileManager.default.fileExists(atPath: URL(fileURLWithPath: $0).appendingPathComponent("widget/loader.js").path) }
    }

    static func load(directory: String?) -> WidgetAssets {
        guard let directory else { return WidgetAssets(directory: nil, files: [:]) }
        var files: [String: Asset] = [:]
        for name in names {
            let url = URL(fileURLWithPath: directory).appendingPathComponent("widget").appendingPathComponent(name)
            guard let data = try? Data(contentsOf: url) else { continue }
            let type: HTTPMediaType = name.hasSuffix(".js") ? HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"])
                : name.hasSuffix(".css") ? HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])
                : .html
            files[name] = Asset(bytes: Array(data), contentType: type, digest: digest(Array(data)))
        }
        // The frame page names its script and style sheet with their digests, so those can be cached for good.
        if var frame = files["frame.html"] {
            var html = String(decoding: frame.bytes, as: UTF8.self)
            for name in ["widget.js", "widget.css"] {
                html = html.replacingOccurrences(of: "{{\(name)}}", with: files[name]?.digest ?? "missing")
            }
            frame = Asset(bytes: Array(html.utf8), contentType: .html, digest: digest(Array(html.utf8)))
            files["frame.html"] = frame
        }
        return WidgetAssets(directory: directory, files: files)
    }

    static func digest(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}

/// `GET /widget/v1/loader.js`, `GET /widget/v1/widgets/{widget_id}/frame` and `GET /widget/v1/assets/{name}`.
struct WidgetAssetsController: RouteCollection {
    let assets: WidgetAssets

    /// How long browsers may keep the loader without asking again: its URL never changes, so keep it short.
    static let loaderMaxAge = 300
    static let immutableMaxAge = 31_536_000

    func boot(routes: any RoutesBuilder) throws {
        let widget = routes.grouped("widget", "v1")
        widget.get("loader.js", use: loader)
        widget.get("assets", ":name", use: asset)
        widget.get("widgets", ":widget_id", "frame", use: frame)
    }

    @Sendable
    func loader(request: Request) async throws -> Response {
        let response = try serve("loader.js", request: request, cacheControl: "public, max-age=\(Self.loaderMaxAge)")
        // The loader runs on customers' pages, which may isolate themselves (COEP).
        response.headers.replaceOrAdd(name: "Cross-Origin-Resource-Policy", value: "cross-origin")
        return response
    }

    /// `widget.js` and `widget.css`; immutable when asked for with their current digest (`?v=`), as the frame does.
    @Sendable
    func asset(request: Request) async throws -> Response {
        let name = request.parameters.get("name") ?? ""
        guard name == "widget.js" || name == "widget.css", let file = assets.files[name] else { throw Self.assetNotFound }
        let versioned = request.query[String.self, at: "v"] == file.digest
        return try serve(name, request: request, cacheControl: versioned
            ? "public, max-age=\(Self.immutableMaxAge), immutable" : "public, max-age=\(Self.loaderMaxAge)")
    }

    /// The widget's panel, to be framed by the loader on the customer's site, and only on the origins the widget allows.
    @Sendable
    func frame(request: Request) async throws -> Response {
        let widgetID = try request.widgetID()
        guard let widget = try await Widget.find(widgetID, on: request.db) else { throw APIError.widgetNotFound }
        let policy = Self.contentSecurityPolicy(allowedOrigins: widget.allowedOrigins)
        let response = try serve("frame.html", request: request, cacheControl: "no-cache", variant: policy)
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: policy)
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        return response
    }

    /// The frame's policy: only its own script, style and API; embeddable only by the allowed origins (anywhere
    /// when the widget allows every origin).
    static func contentSecurityPolicy(allowedOrigins: [String]) -> String {
        let ancestors = allowedOrigins.compactMap(EmbedOrigin.init).map(\.description)
        let frameAncestors = allowedOrigins.isEmpty ? "*" : (ancestors.isEmpty ? "'none'" : ancestors.joined(separator: " "))
        return [
            "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' https: data:",
            "connect-src 'self'", "base-uri 'none'", "form-action 'none'", "frame-ancestors \(frameAncestors)",
        ].joined(separator: "; ")
    }

    static let assetNotFound = APIError.notFound("not_found", "No such widget asset.")

    /// The file with validators and cache headers; 304 when the browser's copy is current. Compressed (gzip or
    /// deflate) when the browser accepts it.
    private func serve(_ name: String, request: Request, cacheControl: String, variant: String = "") throws -> Response {
        guard let file = assets.files[name] else {
            throw APIError.notFound("widget_assets_missing", "The widget's files were not found on the server; set LANTERN_PUBLIC_DIR to Lantern's Public directory.")
        }
        let etag = "\"" + (variant.isEmpty ? file.digest : WidgetAssets.digest(Array((file.digest + variant).utf8))) + "\""
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .eTag, value: etag)
        headers.replaceOrAdd(name: .cacheControl, value: cacheControl)
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: .vary, value: "Accept-Encoding")
        if let ifNoneMatch = request.headers.first(name: .ifNoneMatch),
           ifNoneMatch.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag || $0.trimmingCharacters(in: .whitespaces) == "*" }) {
            return Response(status: .notModified, headers: headers)
        }
        headers.contentType = file.contentType
        let response = Response(status: .ok, headers: headers, body: .init(buffer: ByteBuffer(bytes: file.bytes)))
        response.headers.responseCompression = .enable
        return response
    }
}

/// Lets the loader, running on a customer's page, read the widget config (`GET /widget/v1/widgets/{widget_id}`)
/// from the origins the widget allows (any origin when it allows all). Other widget routes are only called by the
/// frame, from Lantern's own origin, and get no CORS headers.
struct WidgetConfigCORSMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let parts = request.url.path.split(separator: "/", omittingEmptySubsequences: false)
        guard request.method == .GET || request.method == .HEAD, parts.count == 5, parts[0].isEmpty,
              parts[1] == "widget", parts[2] == "v1", parts[3] == "widgets" else {
            return try await next.respond(to: request)
        }
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            response = JSONErrorMiddleware.response(for: error, request: request)
        }
        response.headers.add(name: .vary, value: "Origin")
        guard let origin = request.headers.first(name: .origin) else { return response }
        if response.status == .ok {
            guard let widgetID = Int(parts[4]), let widget = try? await Widget.find(widgetID, on: request.db),
                  EmbedOrigin.allows(origin, patterns: widget.allowedOrigins.compactMap(EmbedOrigin.init))
            else { return response }
        }
        // Errors (an unknown widget) are readable everywhere, so the loader can say what went wrong.
        response.headers.replaceOrAdd(name: .accessControlAllowOrigin, value: response.status == .ok ? origin : "*")
        return response
    }
}
