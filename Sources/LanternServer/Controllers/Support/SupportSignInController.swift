import LanternCore
import Vapor

/// `/support/login/jwt?token=` (single sign-on: the customer's site links here with the customer's JWT, verified
/// with the widget's token policy and the account's shared secret) and `/support/logout`.
struct SupportSignInController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("login", "jwt", use: login)
        routes.post("logout", use: logout)
    }

    @Sendable
    func login(request: Request) async throws -> Response {
        let context = try request.supportContext
        let jwt = request.queryText("token") ?? ""
        do {
            let (token, _) = try await PortalSessionService.openCustomerSession(widget: context.widget, account: context.account, jwt: jwt,
                                                                                on: request.db)
            let response = seeOther(Self.safeRedirect(request.queryText("redirect_to")) ?? "/support/solutions")
            response.cookies[PortalSessionService.customerCookie] = PortalCookie.make(token, path: "/support", request: request, maxAge: nil)
            return response
        } catch let rejection as TokenRejection {
            request.application.metrics.tokenRejected(code: rejection.code.rawValue)
            let page = SupportSignInFailedPage(accountName: context.account.name, code: rejection.code.rawValue, message: rejection.message)
            return page.render().response(status: .unauthorized)
        }
    }

    @Sendable
    func logout(request: Request) async throws -> Response {
        let context = try request.supportContext
        let form = try await request.collectForm()
        guard PortalSessionService.csrfMatches(form["csrf_token"], context.csrf) else { throw PortalError.csrf }
        if let token = request.cookies[PortalSessionService.customerCookie]?.string {
            try await PortalSessionService.closeCustomerSession(token: token, on: request.db)
        }
        let response = seeOther("/support?done=signed-out")
        response.cookies[PortalSessionService.customerCookie] = PortalCookie.expired(path: "/support", request: request)
        return response
    }

    /// Only a path inside the customer portal (never another site).
    static func safeRedirect(_ path: String?) -> String? {
        LocalRedirect.path(path, under: "/support")
    }
}
