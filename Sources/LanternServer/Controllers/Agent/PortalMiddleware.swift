import Fluent
import LanternCore
import Vapor

/// An error a portal page answers as an HTML page with its status.
struct PortalError: Error, Sendable {
    let status: HTTPResponseStatus
    let title: String
    let message: String
    var headers: HTTPHeaders = [:]

    static let csrf = PortalError(status: .forbidden, title: "Form expired",
                                  message: "The form was missing its security token or the token did not match. Go back, reload the page and try again.")
    static let adminOnly = PortalError(status: .forbidden, title: "Admins only", message: "Only an admin agent can open this page.")
    static func notFound(_ what: String) -> PortalError {
        PortalError(status: .notFound, title: "Not found", message: "No \(what) has this id in your account.")
    }
}

/// Answers every error of a portal page as an HTML page (never JSON, never a bare 500 with internals).
struct PortalErrorMiddleware: AsyncMiddleware {
    let site: String

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let status: HTTPResponseStatus, title: String, message: String
            var headers: HTTPHeaders = [:]
            switch error {
            case let error as PortalError:
                (status, title, message, headers) = (error.status, error.title, error.message, error.headers)
            case let error as APIError:
                (status, title, message, headers) = (error.status, error.status.reasonPhrase, error.message, error.headers)
            case let error where DatabaseAvailability.isUnavailable(error):
                request.logger.warning("Database unavailable: \(String(reflecting: error))")
                (status, title, message, headers) = (.serviceUnavailable, "Temporarily unavailable",
                                                     "The help center cannot reach its database right now; try again in a moment.",
                                                     ["Retry-After": "1"])
            case let error as any AbortError where error.status.code < 500:
                (status, title, message, headers) = (error.status, error.status.reasonPhrase,
                                                     error.status == .payloadTooLarge ? "The form is too large." : error.reason, error.headers)
            default:
                request.logger.report(error: error)
                (status, title, message) = (.internalServerError, "Something went wrong", "Something went wrong on our side; it has been logged.")
            }
            let content: HTML = """
                <h1>\(title)</h1>
                <p>\(message)</p>
                <p><a href="\(request.url.path.hasPrefix("/support") ? "/support" : "/agent")">Back to the start page</a></p>
                """
            let response = PortalLayout.page(title: title, site: site, content).response(status: status)
            for (name, value) in headers where name.lowercased() != "content-type" { response.headers.replaceOrAdd(name: name, value: value) }
            return response
        }
    }
}

extension Request {
    /// The body of a POST, collected so forms can be read (at most 1 MiB: an article with its HTML).
    func collectForm() async throws -> PortalForm {
        if body.data == nil, method == .POST {
            _ = try await body.collect(max: 1024 * 1024).get()
        }
        return PortalForm(self)
    }
}

/// Requires a live agent-portal session (else: to the sign-in page) and, on every POST, the session's CSRF token
/// in the form's `csrf_token` field (else: 403).
struct AgentSessionMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let token = request.cookies[PortalSessionService.agentCookie]?.string,
              let signedIn = try await PortalSessionService.agentSession(token: token, on: request.db)
        else {
            if request.method == .POST {
                // Without a session there is no CSRF token the post could carry.
                _ = try await request.collectForm()
                throw PortalError.csrf
            }
            var next = request.url.path
            if let query = request.url.query, !query.isEmpty { next += "?" + query }
            return seeOther("/agent/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/agent"))
        }
        if request.method == .POST {
            let form = try await request.collectForm()
            guard PortalSessionService.csrfMatches(form["csrf_token"], signedIn.csrf) else { throw PortalError.csrf }
        }
        request.storage[AgentKey.self] = signedIn
        return try await next.respond(to: request)
    }

    struct AgentKey: StorageKey { typealias Value = PortalSessionService.SignedInAgent }
}

extension Request {
    /// The signed-in agent (set by `AgentSessionMiddleware`).
    var signedInAgent: PortalSessionService.SignedInAgent {
        get throws {
            guard let agent = storage[AgentSessionMiddleware.AgentKey.self] else { throw PortalError.csrf }
            return agent
        }
    }

    func requirePortalAdmin() throws -> PortalSessionService.SignedInAgent {
        let agent = try signedInAgent
        guard agent.isAdmin else { throw PortalError.adminOnly }
        return agent
    }

    /// An integer path parameter, or a 404 page naming `what`.
    func portalID(_ name: String = "id", _ what: String) throws -> Int {
        guard let id = parameters.get(name, as: Int.self) else { throw PortalError.notFound(what) }
        return id
    }
}

/// The frame of every agent-portal page.
enum AgentPage {
    enum Section: String { case kb, feedback, tickets, contacts, companies, widgets, security, agents, apiKey }

    static func render(_ agent: PortalSessionService.SignedInAgent, title: String, section: Section, flash: String? = nil,
                       error: String? = nil, status: HTTPResponseStatus = .ok, _ content: HTML) -> Response {
        var items: [(String, String, Section)] = [
            ("Knowledge base", "/agent/kb", .kb), ("Feedback", "/agent/feedback", .feedback),
            ("Tickets", "/agent/tickets", .tickets),
            ("Contacts", "/agent/contacts", .contacts), ("Companies", "/agent/companies", .companies),
        ]
        if agent.isAdmin {
            items += [("Widgets", "/agent/widgets", .widgets), ("Security", "/agent/security/widget", .security),
                      ("Agents", "/agent/agents", .agents)]
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
        case "revoked": "API key revoked."
        case "reset": "The shared secret was reset. Every signed-in customer has been signed out."
        default: nil
        }
    }
}
