import LanternCore
import Vapor

/// `GET /widget/v1/loader.js`, `GET /widget/v1/widgets/{widget_id}/frame` and `GET /widget/v1/assets/{name}`: what
/// a customer's site needs to embed the widget; and `GET /widgets/{id}.js`, the loader where Freshdesk's embed code
/// looks for it.
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
        routes.get("widgets", ":script", use: freshdeskLoader)
    }

    /// `/widgets/{id}.js`, Freshdesk's script URL with Lantern's host: the loader, when `{id}` is a widget's id or
    /// its `freshdesk_widget_id` (the loader reads the id from its own URL when `fwSettings` has none).
    @Sendable
    func freshdeskLoader(request: Request) async throws -> Response {
        let script = request.parameters.get("script") ?? ""
        guard script.hasSuffix(".js"), let id = Int(script.dropLast(3)), id > 0,
              try await WidgetRecord.find(id, on: request.db) != nil else { throw AppError.widgetNotFound }
        return try await loader(request: request)
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
        let versioned = request.queryText("v") == file.digest
        return try serve(name, request: request, cacheControl: versioned
            ? "public, max-age=\(Self.immutableMaxAge), immutable" : "public, max-age=\(Self.loaderMaxAge)")
    }

    /// The widget's panel, to be framed by the loader on the customer's site, and only on the origins the widget allows.
    @Sendable
    func frame(request: Request) async throws -> Response {
        let widgetID = try request.widgetID()
        guard let widget = try await Widget.find(widgetID, on: request.db) else { throw AppError.widgetNotFound }
        let policy = Self.contentSecurityPolicy(allowedOrigins: widget.allowedOrigins)
        let response = try serve("frame.html", request: request, cacheControl: "no-cache", variant: policy)
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: policy)
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        return response
    }

    /// The frame's policy: only its own script, style and API; embeddable only by the allowed origins (anywhere
    /// when the widget allows every origin).
    static func contentSecurityPolicy(allowedOrigins: [String]) -> String {
        let ancestors = allowedOrigins.compactMap { EmbedOrigin($0) }.map(\.description)
        let frameAncestors = allowedOrigins.isEmpty ? "*" : (ancestors.isEmpty ? "'none'" : ancestors.joined(separator: " "))
        return [
            "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' https: data:",
            "connect-src 'self'", "base-uri 'none'", "form-action 'none'", "frame-ancestors \(frameAncestors)",
        ].joined(separator: "; ")
    }

    static let assetNotFound = AppError(.notFound, "No such widget asset.")

    private func serve(_ name: String, request: Request, cacheControl: String, variant: String = "") throws -> Response {
        guard let file = assets.files[name] else {
            throw AppError(.widgetAssetsMissing, "The widget's files were not found on the server; set LANTERN_PUBLIC_DIR to Lantern's Public directory.")
        }
        return file.response(to: request, cacheControl: cacheControl, variant: variant)
    }
}

extension WidgetAssetsController {
    /// Serves the widget's files from `app`'s public directory; warns at start-up when they are not there.
    init(publicDirectoryOf app: Application) {
        assets = WidgetAssets.load(directory: app.publicDirectory)
        if assets.files["loader.js"] == nil {
            app.logger.warning("Widget assets not found in \(app.publicDirectory.path): set LANTERN_PUBLIC_DIR to the directory holding widget/loader.js (usually Public/). /widget/v1/loader.js answers 404 until then.")
        }
    }
}
