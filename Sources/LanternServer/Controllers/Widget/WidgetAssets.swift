import Foundation

/// The widget's static files (`widget/` of the public directory), read once at start-up.
struct WidgetAssets: Sendable {
    /// The files found, by name inside `widget/`.
    let files: [String: StaticAsset]

    /// The files served.
    static let names = ["loader.js", "frame.html", "widget.js", "widget.css"]

    /// The widget's files in `directory` (the public directory); none when it does not hold them.
    static func load(directory: URL) -> WidgetAssets {
        var files = StaticAsset.load(names, in: directory.appendingPathComponent("widget"))
        // The frame page names its script and style sheet with their digests, so those can be cached for good.
        if let frame = files["frame.html"] {
            var html = String(decoding: frame.bytes, as: UTF8.self)
            for name in ["widget.js", "widget.css"] {
                html = html.replacingOccurrences(of: "{{\(name)}}", with: files[name]?.digest ?? "missing")
            }
            files["frame.html"] = StaticAsset(bytes: Array(html.utf8), contentType: .html)
        }
        return WidgetAssets(files: files)
    }
}
