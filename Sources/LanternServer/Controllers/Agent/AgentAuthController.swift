import LanternCore
import Vapor

/// `/agent/login` and `/agent/logout`: the agent portal's sign-in (`AgentSignInService`) and sign-out. The sign-in
/// form is protected by a double-submit CSRF cookie, since there is no session yet.
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
        return Self.respond(request, AgentSignInPage(csrf: csrf, email: "", next: request.queryText("next"),
                                                     notice: request.queryText("done") == "signed-out" ? "You are signed out." : nil))
    }

    @Sendable
    func login(request: Request) async throws -> Response {
        let form = try await request.collectForm()
        guard let cookie = request.cookies[PortalSessionService.loginCSRFCookie]?.string,
              PortalSessionService.csrfMatches(form["csrf_token"], cookie) else { throw PortalError.csrf }
        let email = (form["email"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let next = form["next"]
        let outcome = try await AgentSignInService.signIn(
            email: email, password: form["password"] ?? "", accountID: form["account_id"].flatMap { Int($0) },
            clientAddress: Self.clientAddress(request), passwords: request.password.async,
            cost: request.application.lantern.bcryptCost, on: request.db)
        let page = AgentSignInPage(csrf: cookie, email: email, next: next)
        switch outcome {
        case .throttled(let wait):
            let minutes = max(1, (wait + 59) / 60)
            var throttled = page
            throttled.error = "Too many failed sign-in attempts. Try again in \(minutes) minute\(minutes == 1 ? "" : "s")."
            let response = Self.respond(request, throttled, status: .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(wait))
            return response
        case .refused:
            var refused = page
            refused.error = "The e-mail address or password is incorrect."
            return Self.respond(request, refused, status: .unauthorized)
        case .chooseAccount(let accounts):
            var choose = page
            choose.accounts = accounts.map { AgentSignInPage.AccountOption(id: $0.id, name: $0.name) }
            choose.notice = "This address belongs to agents of several accounts. Choose the account and enter the password again."
            return Self.respond(request, choose)
        case .signedIn(let token):
            let response = seeOther(Self.safeNext(next))
            response.cookies[PortalSessionService.agentCookie] = PortalCookie.make(
                token, path: "/agent", request: request, maxAge: Int(PortalSessionService.agentLifetime))
            response.cookies[PortalSessionService.loginCSRFCookie] = PortalCookie.expired(path: "/agent", request: request)
            return response
        }
    }

    @Sendable
    static func logout(request: Request) async throws -> Response {
        if let token = request.cookies[PortalSessionService.agentCookie]?.string {
            try await PortalSessionService.closeAgentSession(token: token, on: request.db)
        }
        let response = seeOther("/agent/login?done=signed-out")
        response.cookies[PortalSessionService.agentCookie] = PortalCookie.expired(path: "/agent", request: request)
        return response
    }

    /// The client's address: the peer, or behind a reverse proxy (`LANTERN_BEHIND_PROXY=1`) the address the proxy
    /// appended to `X-Forwarded-For` (the same rule as the ticket rate limit).
    static func clientAddress(_ request: Request) -> String {
        request.clientAddress ?? "unknown"
    }

    /// Only a path inside the agent portal (never another site, never the sign-in page, never a control
    /// character); anything else is the knowledge base.
    static func safeNext(_ next: String?) -> String {
        LocalRedirect.path(next, under: "/agent", excluding: ["/agent/login"]) ?? "/agent/kb"
    }

    /// The sign-in page, renewing the pre-sign-in CSRF cookie its form is checked against.
    private static func respond(_ request: Request, _ page: AgentSignInPage, status: HTTPResponseStatus = .ok) -> Response {
        let response = page.render().response(status: status)
        response.cookies[PortalSessionService.loginCSRFCookie] = PortalCookie.make(page.csrf, path: "/agent", request: request, maxAge: 3600)
        return response
    }
}
