import Fluent
import LanternCore
import Vapor

/// `/agent/login` and `/agent/logout`. Sign-in is by e-mail and password (bcrypt). An agent's e-mail is unique
/// within an account; when one address is an agent of several accounts and the password matches more than one,
/// the page asks which account to open (the account names are shown only after the password checked out).
struct AgentAuthController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("agent", "login", use: loginPage)
        routes.post("agent", "login", use: login)
    }

    /// Mounted behind `AgentSessionMiddleware` (needs the session's CSRF token).
    static func bootSignedIn(_ routes: any RoutesBuilder) {
        routes.post("logout", use: logout)
        routes.get { request in seeOther("/agent/kb") }
    }

    @Sendable
    func loginPage(request: Request) async throws -> Response {
        if let token = request.cookies[PortalSessionService.agentCookie]?.string,
           try await PortalSessionService.agentSession(token: token, on: request.db) != nil {
            return seeOther(Self.safeNext(request.queryText("next")))
        }
        let csrf = request.cookies[PortalSessionService.loginCSRFCookie]?.string.nilIfEmpty ?? SecretGenerator.sessionToken()
        return Self.page(request, csrf: csrf, email: "", next: request.queryText("next"),
                         notice: request.queryText("done") == "signed-out" ? "You are signed out." : nil)
    }

    @Sendable
    func login(request: Request) async throws -> Response {
        let form = try await request.collectForm()
        guard let cookie = request.cookies[PortalSessionService.loginCSRFCookie]?.string,
              PortalSessionService.csrfMatches(form["csrf_token"], cookie) else { throw PortalError.csrf }
        let email = (form["email"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let password = form["password"] ?? ""
        let next = form["next"]
        let address = Self.clientAddress(request)

        if let wait = try await LoginThrottle.retryAfter(email: email, address: address, on: request.db) {
            let minutes = max(1, (wait + 59) / 60)
            let response = Self.page(request, csrf: cookie, email: email, next: next,
                                     error: "Too many failed sign-in attempts. Try again in \(minutes) minute\(minutes == 1 ? "" : "s").",
                                     status: .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(wait))
            return response
        }

        var candidates: [Agent] = []
        if let address = EmailAddress(email), !password.isEmpty, password.utf8.count <= 1024 {
            candidates = try await Agent.query(on: request.db).filter(\.$email == address.value).sort(\.$accountID).limit(20).all()
        }
        var matches: [Agent] = []
        for agent in candidates where try await Self.verify(password, agent.passwordHash, request) { matches.append(agent) }
        if candidates.isEmpty { _ = try? await Self.verify(password, Self.dummyHash, request) }

        guard !matches.isEmpty else {
            try await LoginThrottle.recordFailure(email: email, address: address, on: request.db)
            return Self.page(request, csrf: cookie, email: email, next: next, error: "The e-mail address or password is incorrect.",
                             status: .unauthorized)
        }
        var chosen: Agent? = matches.count == 1 ? matches[0] : nil
        if let raw = form["account_id"], let accountID = Int(raw) {
            chosen = matches.first { $0.accountID == accountID }
        }
        guard let agent = chosen else {
            let accounts = try await Account.query(on: request.db).filter(\.$id ~~ matches.map(\.accountID)).sort(\.$id).all()
            return Self.page(request, csrf: cookie, email: email, next: next,
                             accounts: accounts.compactMap { account in account.id.map { ($0, account.name) } },
                             notice: "This address belongs to agents of several accounts. Choose the account and enter the password again.")
        }
        try await LoginThrottle.recordSuccess(email: email, on: request.db)
        let token = try await PortalSessionService.openAgentSession(for: agent, on: request.db)
        let response = seeOther(Self.safeNext(next))
        response.cookies[PortalSessionService.agentCookie] = PortalSessionService.cookie(
            token, path: "/agent", request: request, maxAge: Int(PortalSessionService.agentLifetime))
        response.cookies[PortalSessionService.loginCSRFCookie] = PortalSessionService.expiredCookie(path: "/agent", request: request)
        return response
    }

    @Sendable
    static func logout(request: Request) async throws -> Response {
        if let token = request.cookies[PortalSessionService.agentCookie]?.string {
            try await PortalSessionService.closeAgentSession(token: token, on: request.db)
        }
        let response = seeOther("/agent/login?done=signed-out")
        response.cookies[PortalSessionService.agentCookie] = PortalSessionService.expiredCookie(path: "/agent", request: request)
        return response
    }

    /// The client's address: the peer, or behind a reverse proxy (`LANTERN_BEHIND_PROXY=1`) the address the proxy
    /// appended to `X-Forwarded-For` (the same rule as the ticket rate limit).
    static func clientAddress(_ request: Request) -> String {
        request.clientAddress ?? "unknown"
    }

    /// Only a path inside the agent portal (never another site).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/agent"), !next.hasPrefix("//"), !next.contains("\\"),
              !next.hasPrefix("/agent/login") else { return "/agent/kb" }
        return next
    }

    private static func verify(_ password: String, _ hash: String, _ request: Request) async throws -> Bool {
        (try? await request.password.async.verify(password, created: hash)) ?? false
    }

    /// Checked when no agent has the address, so the answer takes as long either way.
    private static let dummyHash = (try? Bcrypt.hash("lantern-no-such-agent", cost: 10)) ?? ""

    static func page(_ request: Request, csrf: String, email: String, next: String?, accounts: [(Int, String)] = [],
                     notice: String? = nil, error: String? = nil, status: HTTPResponseStatus = .ok) -> Response {
        let accountPicker: HTML = accounts.isEmpty ? .empty
            : PortalLayout.select("Account", name: "account_id", options: accounts.map { (String($0.0), $0.1) }, selected: nil)
        let nextField: HTML = next.map { "<input type=\"hidden\" name=\"next\" value=\"\($0)\">" } ?? .empty
        let content: HTML = """
            <div class="card" style="max-width:28rem">
            <h1>Sign in</h1>
            <form method="post" action="/agent/login">
            \(PortalLayout.csrf(csrf))\(nextField)
            \(PortalLayout.field("E-mail address", name: "email", value: email, type: "email", required: true, autocomplete: "username"))
            \(PortalLayout.field("Password", name: "password", type: "password", required: true, autocomplete: "current-password"))
            \(accountPicker)
            <div class="actions"><button type="submit">Sign in</button></div>
            </form>
            </div>
            """
        let response = PortalLayout.page(title: "Sign in", site: "Lantern agent portal", flash: notice, error: error, content)
            .response(status: status)
        response.cookies[PortalSessionService.loginCSRFCookie] = PortalSessionService.cookie(csrf, path: "/agent", request: request, maxAge: 3600)
        return response
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

/// Portal settings read from the environment at start-up.
struct PortalSettings: Sendable {
    /// `LANTERN_SUPPORT_WIDGET`: the widget whose account, categories and default language `/support` serves.
    /// Unset: the oldest widget of the oldest account.
    var supportWidgetID: Int?

    static func fromEnvironment() -> PortalSettings {
        PortalSettings(supportWidgetID: ProcessInfo.processInfo.environment["LANTERN_SUPPORT_WIDGET"].flatMap { Int($0) })
    }
}

extension Application {
    private struct PortalSettingsKey: StorageKey { typealias Value = PortalSettings }

    var portal: PortalSettings {
        get { storage[PortalSettingsKey.self] ?? .fromEnvironment() }
        set { storage[PortalSettingsKey.self] = newValue }
    }
}

/// Every signed-in page of `/agent`.
struct AgentPortalRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        AgentAuthController.bootSignedIn(routes)
        try routes.register(collection: AgentKnowledgeBaseController())
        try routes.register(collection: AgentFeedbackController())
        try routes.register(collection: AgentTicketController())
        try routes.register(collection: AgentWidgetController())
        try routes.register(collection: AgentPeopleController())
        try routes.register(collection: AgentTeamController())
        // Any other page under /agent: an HTML 404 rather than the API's JSON one.
        routes.get("**") { _ -> Response in throw PortalError(status: .notFound, title: "Not found", message: "There is no such page.") }
    }
}
