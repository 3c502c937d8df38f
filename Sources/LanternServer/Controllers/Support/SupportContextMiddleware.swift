import LanternCore
import Vapor

/// Resolves the `SupportContext` of every `/support` page once, before its handler: the portal's widget (a 404 page
/// when the help center has none), the customer behind the session cookie, the reading scope (`?lang=` first) and
/// the CSRF token.
struct SupportContextMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        request.storage[ContextKey.self] = try await Self.resolve(request)
        return try await next.respond(to: request)
    }

    static func resolve(_ request: Request) async throws -> SupportContext {
        guard let (widget, account) = try await SupportPortalService.portalWidget(
            configuredID: request.application.lantern.supportWidgetID, on: request.db)
        else { throw SupportContext.notSetUp }
        var customer: PortalSessionService.SignedInCustomer? = nil
        if let token = request.cookies[PortalSessionService.customerCookie]?.string {
            customer = try await PortalSessionService.customerSession(token: token, account: account, on: request.db)
        }
        let scope = try await SupportPortalService.readingScope(widget: widget, account: account, customer: customer,
                                                               locale: request.queryText("lang"), on: request.db)
        let anonymous = request.cookies[SupportContext.anonymousCSRFCookie]?.string.nilIfEmpty
        return SupportContext(widget: widget, account: account, customer: customer, scope: scope,
                              csrf: customer?.csrf ?? anonymous ?? SecretGenerator.sessionToken(),
                              newAnonymousCSRF: customer == nil && anonymous == nil)
    }

    struct ContextKey: StorageKey { typealias Value = SupportContext }
}
