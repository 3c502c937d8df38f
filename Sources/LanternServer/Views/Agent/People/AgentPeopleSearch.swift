import Foundation

/// The search box and the Previous/Next links of the contact and company lists.
enum AgentPeopleSearch {
    /// A GET form that searches `action` for `q`.
    static func form(_ action: String, label: String, term: String) -> HTML {
        """
        <form method="get" action="\(action)" class="search" role="search">
        \(PortalLayout.field(label, name: "q", value: term, type: "search"))
        <button type="submit">Search</button></form>
        """
    }

    /// Links to the neighbouring pages of `base` for the same search; nothing when there is a single page.
    static func pager(_ base: String, term: String, page: Int, hasMore: Bool) -> HTML {
        let q = term.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        var links: [HTML] = []
        if page > 1 { links.append("<a href=\"\(base)?q=\(q)&page=\(page - 1)\">Previous</a>") }
        if hasMore { links.append("<a href=\"\(base)?q=\(q)&page=\(page + 1)\">Next</a>") }
        return links.isEmpty ? .empty : "<p class=\"actions\">\(links)</p>"
    }
}
