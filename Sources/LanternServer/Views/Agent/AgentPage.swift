import Vapor

/// The frame of every agent-portal page: the portal's navigation (the admin pages for admins only), the signed-in
/// agent with the sign-out button, and the status or error box.
enum AgentPage {
    enum Section: String { case kb, feedback, tickets, contacts, companies, widgets, security, agents, ticketTypes, ticketFields, mail, apiKey
        case analytics
    }

    static func render(_ agent: PortalSessionService.SignedInAgent, title: String, section: Section, flash: String? = nil,
                       error: String? = nil, status: HTTPResponseStatus = .ok, _ content: HTML) -> Response {
        var items: [(String, String, Section)] = [
            ("Knowledge base", "/agent/kb", .kb), ("Feedback", "/agent/feedback", .feedback),
            ("Tickets", "/agent/tickets", .tickets),
            ("Contacts", "/agent/contacts", .contacts), ("Companies", "/agent/companies", .companies),
        ]
        items.insert(("Reports", "/agent/analytics", .analytics), at: 2)
        if agent.isAdmin {
            items += [("Widgets", "/agent/widgets", .widgets), ("Security", "/agent/security/widget", .security),
                      ("Agents", "/agent/agents", .agents), ("Ticket types", "/agent/settings/ticket-types", .ticketTypes),
                      ("Ticket fields", "/agent/settings/ticket-fields", .ticketFields),
                      ("Mail", "/agent/settings/mail", .mail)]
        }
        items.append(("My API key", "/agent/api-key", .apiKey))
        let user: HTML = """
            <span>\(agent.agent.name) · \(agent.account.name) \
            <form method="post" action="/agent/logout" class="inline">\(PortalLayout.csrf(agent.csrf))<button type="submit">Sign out</button></form></span>
            """
        return PortalLayout.page(title: title, site: "Lantern agent portal",
                                 nav: items.map { .init(label: $0.0, href: $0.1, current: $0.2 == section) },
                                 user: user, flash: flash, error: error, content).response(status: status)
    }

    /// Fixed status messages, chosen by the `done` query parameter after a redirect.
    static func notice(_ request: Request) -> String? {
        switch request.queryText("done") {
        case "saved": "Saved."
        case "created": "Created."
        case "deleted": "Deleted."
        case "published": "Saved and published."
        case "draft": "Saved as a draft."
        case "discarded": "Draft discarded."
        case "unpublished": "Unpublished: visitors no longer see the article."
        case "restored": "The revision is now the draft: check it, then publish."
        case "revoked": "API key revoked."
        case "replied": "Reply sent."
        case "noted": "Private note added."
        case "retried": "The message will be sent again."
        case "reset": "The shared secret was reset. Every signed-in customer has been signed out."
        default: nil
        }
    }
}
