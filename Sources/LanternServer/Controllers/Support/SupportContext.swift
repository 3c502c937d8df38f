import Vapor

/// Who is reading `/support`, and how: the portal's widget and account, the signed-in customer (if any), what
/// they may read in which language, and the CSRF token the page's forms carry. `SupportContextMiddleware` resolves
/// it once per request; handlers read it as `request.supportContext`.
struct SupportContext: Sendable {
    let widget: Widget
    let account: Account
    let customer: PortalSessionService.SignedInCustomer?
    let scope: ReadingScope
    /// The CSRF token forms carry: the session's, or the anonymous visitor's cookie.
    let csrf: String
    /// Whether `csrf` was made for this request (an anonymous visitor without the cookie yet): the page sets the
    /// cookie, and no form can have carried the token.
    let newAnonymousCSRF: Bool

    /// The page of a help center without a widget.
    static let notSetUp = PortalError(status: .notFound, title: "Help center not set up", message: "This help center has no widget yet.")

    /// The cookie holding an anonymous visitor's CSRF token.
    static let anonymousCSRFCookie = "lantern_support_csrf"

    /// The frame of the page answering `request`.
    func frame(for request: Request) -> SupportFrame {
        let path = request.url.path
        return SupportFrame(accountName: account.name, language: scope.language, customerName: customer?.contact.name, csrf: csrf,
                            section: Self.section(path),
                            searchTerm: path == "/support/search" ? request.queryText("term") ?? "" : "")
    }

    /// The part of the portal `path` belongs to.
    static func section(_ path: String) -> SupportFrame.Section {
        if path.hasPrefix("/support/solutions") { return .solutions }
        if path == "/support/tickets/new" { return .newTicket }
        if path.hasPrefix("/support/tickets") { return .tickets }
        return path == "/support/profile" ? .profile : .other
    }

    /// The signed-in customer, or the 401 page that says how to sign in.
    func requireCustomer() throws -> PortalSessionService.SignedInCustomer {
        guard let customer else {
            throw PortalError(status: .unauthorized, title: "Not signed in",
                              message: "Sign in on \(account.name)'s website first; it brings you back here signed in.")
        }
        return customer
    }

    /// A rendered page as the response, setting a new anonymous visitor's CSRF cookie.
    func respond(_ page: HTML, to request: Request, status: HTTPResponseStatus = .ok) -> Response {
        let response = page.response(status: status)
        if newAnonymousCSRF {
            response.cookies[Self.anonymousCSRFCookie] = PortalCookie.make(csrf, path: "/support", request: request, maxAge: nil)
        }
        return response
    }
}
