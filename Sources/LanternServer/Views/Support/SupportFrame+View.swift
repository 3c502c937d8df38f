extension SupportFrame {
    /// A whole page with `content` in this frame.
    func render(title: String, flash: String? = nil, head: HTML = .empty, _ content: HTML) -> HTML {
        let user: HTML = customerName.map { name in
            """
            <span><a href="/support/profile">\(name)</a> \
            <form method="post" action="/support/logout" class="inline">\(PortalLayout.csrf(csrf))<button type="submit">Sign out</button></form></span>
            """
        } ?? .empty
        let searchBox: HTML = """
            <form method="get" action="/support/search" class="search" role="search">
            \(PortalLayout.field("Search the help center", name: "term", value: searchTerm, type: "search", id: "support-search"))
            <button type="submit">Search</button></form>
            """
        var nav: [PortalLayout.NavItem] = [.init(label: "Help center", href: "/support/solutions", current: section == .solutions)]
        if customerName != nil { nav.append(.init(label: "My tickets", href: "/support/tickets", current: section == .tickets)) }
        nav.append(.init(label: "Submit a ticket", href: "/support/tickets/new", current: section == .newTicket))
        if customerName != nil { nav.append(.init(label: "My profile", href: "/support/profile", current: section == .profile)) }
        return PortalLayout.page(title: title, site: "\(accountName) help center", nav: nav, user: user, flash: flash,
                                 lang: language, head: head, searchBox + content)
    }
}
