import Foundation
import Vapor

/// The page frame shared by the agent portal and the customer portal.
enum PortalLayout {
    struct NavItem {
        let label: String
        let href: String
        let current: Bool
    }

    /// A whole page. `nav` renders as the site navigation; `flash` as a status message near the top.
    static func page(title: String, site: String, nav: [NavItem] = [], user: HTML = .empty, flash: String? = nil,
                     error: String? = nil, lang: String = "en", _ content: HTML) -> HTML {
        let navigation: HTML = nav.isEmpty ? .empty : """
            <nav aria-label="Main"><ul>\(nav.html { item in
                item.current
                    ? "<li><a href=\"\(item.href)\" aria-current=\"page\">\(item.label)</a></li>"
                    : "<li><a href=\"\(item.href)\">\(item.label)</a></li>"
            })</ul></nav>
            """
        let flashBox: HTML = flash.map { "<p class=\"flash\" role=\"status\">\($0)</p>" } ?? .empty
        let errorBox: HTML = error.map { "<p class=\"error\" role=\"alert\">\($0)</p>" } ?? .empty
        return """
            <!doctype html>
            <html lang="\(lang)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · \(site)</title>
            <link rel="stylesheet" href="/assets/portal.css">
            </head>
            <body>
            <a class="skip" href="#main">Skip to content</a>
            <header class="site"><span class="brand">\(site)</span>\(user)</header>
            \(navigation)
            <main id="main">
            \(flashBox)\(errorBox)
            \(content)
            </main>
            </body>
            </html>
            """
    }

    /// The hidden CSRF field every POST form carries.
    static func csrf(_ token: String) -> HTML { "<input type=\"hidden\" name=\"csrf_token\" value=\"\(token)\">" }

    /// A POST form with the CSRF field.
    static func form(action: String, csrf token: String, class cls: String = "", _ content: HTML) -> HTML {
        "<form method=\"post\" action=\"\(action)\" class=\"\(cls)\">\(csrf(token))\(content)</form>"
    }

    /// A labelled text-like input.
    static func field(_ label: String, name: String, value: String = "", type: String = "text", required: Bool = false,
                      hint: String? = nil, autocomplete: String? = nil, id: String? = nil) -> HTML {
        let fieldID = id ?? "f-\(name)"
        let hintID = "\(fieldID)-hint"
        let hintHTML: HTML = hint.map { "<small id=\"\(hintID)\">\($0)</small>" } ?? .empty
        let describedBy: HTML = hint == nil ? .empty : " aria-describedby=\"\(hintID)\""
        let auto: HTML = autocomplete.map { " autocomplete=\"\($0)\"" } ?? .empty
        return """
            <div class="field"><label for="\(fieldID)">\(label)</label>
            <input id="\(fieldID)" name="\(name)" type="\(type)" value="\(value)"\(required ? " required" : "")\(describedBy)\(auto)>\(hintHTML)</div>
            """
    }

    static func checkbox(_ label: String, name: String, value: String = "1", checked: Bool, id: String? = nil) -> HTML {
        let fieldID = id ?? "f-\(name)-\(value)"
        return "<div class=\"check\"><input type=\"checkbox\" id=\"\(fieldID)\" name=\"\(name)\" value=\"\(value)\"\(checked ? " checked" : "")><label for=\"\(fieldID)\">\(label)</label></div>"
    }

    static func select(_ label: String, name: String, options: [(value: String, label: String)], selected: String?,
                       id: String? = nil) -> HTML {
        let fieldID = id ?? "f-\(name)"
        return """
            <div class="field"><label for="\(fieldID)">\(label)</label><select id="\(fieldID)" name="\(name)">\(options.html { option in
                "<option value=\"\(option.value)\"\(option.value == selected ? " selected" : "")>\(option.label)</option>"
            })</select></div>
            """
    }

    static func date(_ date: Date?) -> String {
        guard let date else { return "" }
        return date.formatted(.iso8601).replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " UTC")
    }

    /// Small, self-contained script: copy buttons (`data-copy` names the element whose text to copy). Pages work
    /// without it; the text is selectable.
    static let copyScript: HTML = """
        <script>
        document.addEventListener('click', function (e) {
          var b = e.target.closest('[data-copy]'); if (!b) return;
          var el = document.getElementById(b.getAttribute('data-copy')); if (!el) return;
          var text = el.value !== undefined ? el.value : el.textContent;
          var done = function () { b.textContent = 'Copied'; setTimeout(function () { b.textContent = 'Copy'; }, 1500); };
          if (navigator.clipboard) { navigator.clipboard.writeText(text).then(done, function () { el.select && el.select(); }); }
          else if (el.select) { el.select(); document.execCommand('copy'); done(); }
        });
        </script>
        """
}

/// `/assets/portal.css`: the portals' only stylesheet.
struct PortalAssetsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("assets", "portal.css", use: css)
    }

    @Sendable
    func css(request: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .init(type: "text", subType: "css", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return Response(status: .ok, headers: headers, body: .init(string: Self.stylesheet))
    }

    static let stylesheet = """
        *{box-sizing:border-box}
        body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2433;background:#f6f7fb}
        a{color:#1f4fd1}
        .skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:9}
        header.site{display:flex;flex-wrap:wrap;gap:.5rem;justify-content:space-between;align-items:center;background:#24346b;color:#fff;padding:.75rem 1rem}
        header.site .brand{font-weight:700}
        header.site form{display:inline;margin:0}
        header.site button{background:none;border:1px solid #fff;color:#fff;padding:.25rem .75rem}
        header.site a{color:#fff}
        nav ul{list-style:none;margin:0;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem;background:#fff;border-bottom:1px solid #dde}
        nav a[aria-current]{font-weight:700;text-decoration:none;color:#1d2433}
        main{max-width:72rem;margin:1rem auto;padding:0 1rem}
        h1{font-size:1.6rem;margin:.5rem 0 1rem}h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
        .card>:first-child{margin-top:0}
        .card{background:#fff;border-radius:.5rem;padding:1rem;box-shadow:0 1px 3px rgba(0,0,0,.1);margin-bottom:1rem;overflow-wrap:anywhere}
        .field{margin:.5rem 0;display:flex;flex-direction:column;gap:.25rem}
        .field small{color:#555}
        input[type=text],input[type=email],input[type=password],input[type=search],input:not([type]),select,textarea{font:inherit;padding:.45rem;border:1px solid #99a;border-radius:.3rem;width:100%;max-width:40rem}
        textarea{min-height:12rem;font-family:ui-monospace,monospace;font-size:.9rem}
        .check{display:flex;gap:.5rem;align-items:center;margin:.25rem 0}
        button,.button{font:inherit;background:#1f4fd1;color:#fff;border:0;border-radius:.3rem;padding:.45rem 1rem;cursor:pointer;text-decoration:none;display:inline-block}
        button.secondary{background:#e3e7f3;color:#1d2433}
        button.danger{background:#b3261e}
        .actions{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:.75rem}
        .flash{background:#e3f5e6;border:1px solid #7bbf85;padding:.5rem 1rem;border-radius:.3rem}
        .error{background:#fdecea;border:1px solid #d9534f;padding:.5rem 1rem;border-radius:.3rem}
        .warning{background:#fff4d6;border:1px solid #d9a400;padding:.5rem 1rem;border-radius:.3rem}
        table{border-collapse:collapse;width:100%;background:#fff}
        th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #e3e5ee;vertical-align:top}
        .table-wrap{overflow-x:auto}
        .side-by-side{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
        @media (max-width:48rem){.side-by-side{grid-template-columns:1fr}header.site{padding:.5rem}}
        .article-body img{max-width:100%}
        .muted{color:#666}
        .badge{display:inline-block;padding:0 .4rem;border-radius:.3rem;background:#e3e7f3;font-size:.85rem}
        pre,code{overflow-wrap:anywhere;white-space:pre-wrap}
        fieldset{border:1px solid #ccd;border-radius:.3rem;margin:.5rem 0}
        form.inline{display:inline}
        .search{display:flex;gap:.5rem;flex-wrap:wrap;align-items:flex-end}
        .search .field{flex:1 1 12rem;margin:0}
        """
}
