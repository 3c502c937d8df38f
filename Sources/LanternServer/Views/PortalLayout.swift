import Foundation
import Vapor

/// The page frame shared by the agent portal and the customer portal.
enum PortalLayout {
    /// One link of the site navigation; `current` marks the page shown.
    struct NavItem {
        let label: String
        let href: String
        let current: Bool
    }

    /// A whole page, with the portals' style sheet and script (`/assets/portal.css`, `/assets/portal.js`). `nav`
    /// renders as the site navigation; `flash` as a status message near the top, `error` as an alert.
    static func page(title: String, site: String, nav: [NavItem] = [], user: HTML = .empty, flash: String? = nil,
                     error: String? = nil, lang: String = "en", head: HTML = .empty, _ content: HTML) -> HTML {
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
            <title>\(title) · \(site)</title>\(head)
            <link rel="stylesheet" href="/assets/portal.css">
            <script src="/assets/portal.js" defer></script>
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

    /// A labelled checkbox.
    static func checkbox(_ label: String, name: String, value: String = "1", checked: Bool, id: String? = nil) -> HTML {
        let fieldID = id ?? "f-\(name)-\(value)"
        return "<div class=\"check\"><input type=\"checkbox\" id=\"\(fieldID)\" name=\"\(name)\" value=\"\(value)\"\(checked ? " checked" : "")><label for=\"\(fieldID)\">\(label)</label></div>"
    }

    /// A labelled drop-down list.
    static func select(_ label: String, name: String, options: [(value: String, label: String)], selected: String?,
                       id: String? = nil) -> HTML {
        let fieldID = id ?? "f-\(name)"
        return """
            <div class="field"><label for="\(fieldID)">\(label)</label><select id="\(fieldID)" name="\(name)">\(options.html { option in
                "<option value=\"\(option.value)\"\(option.value == selected ? " selected" : "")>\(option.label)</option>"
            })</select></div>
            """
    }

    /// "Newer" and "Older" links of a list shown latest first, `url` making each page's address; nothing when the
    /// list has one page.
    static func pager(page: Int, hasMore: Bool, url: (Int) -> String) -> HTML {
        var links: [HTML] = []
        if page > 1 { links.append("<a href=\"\(url(page - 1))\" rel=\"prev\">Newer</a> ") }
        if hasMore { links.append("<a href=\"\(url(page + 1))\" rel=\"next\">Older</a>") }
        return links.isEmpty ? .empty : "<nav class=\"pager\" aria-label=\"Pages\">\(links)</nav>"
    }

    /// A date as `2024-05-01 12:00:00 UTC`; empty for none.
    static func date(_ date: Date?) -> String {
        guard let date else { return "" }
        return date.formatted(.iso8601).replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " UTC")
    }
}
