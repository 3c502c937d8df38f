import Vapor

/// `/assets/portal.css` and `/assets/portal.js`: the portals' only style sheet and script (`portal/` of the public
/// directory), loaded by every page of both portals; `/assets/editor.js`, the article editor of the agent portal's
/// article pages.
struct PortalAssetsController: RouteCollection {
    /// The files found, by name inside `portal/`.
    let files: [String: StaticAsset]

    static let names = ["portal.css", "portal.js", "editor.js"]
    static let cacheControl = "public, max-age=3600"

    func boot(routes: any RoutesBuilder) throws {
        for name in Self.names {
            routes.get("assets", .constant(name)) { request in try serve(name, request: request) }
        }
    }

    private func serve(_ name: String, request: Request) throws -> Response {
        guard let file = files[name] else {
            throw AppError(.notFound, "The portals' files were not found on the server; set LANTERN_PUBLIC_DIR to Lantern's Public directory.")
        }
        return file.response(to: request, cacheControl: Self.cacheControl)
    }
}

extension PortalAssetsController {
    /// Serves the portals' files from `app`'s public directory; warns at start-up when they are not there.
    init(publicDirectoryOf app: Application) {
        files = StaticAsset.load(Self.names, in: app.publicDirectory.appendingPathComponent("portal"))
        if files.count < Self.names.count {
            app.logger.warning("Portal assets not found in \(app.publicDirectory.path): set LANTERN_PUBLIC_DIR to the directory holding portal/portal.css (usually Public/). The portals' pages have no style until then.")
        }
    }
}
