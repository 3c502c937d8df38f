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
                            section: path.hasPrefix("/support/solutions") ? .solutions : path == "/support/profile" ? .profile : .other,
                            searchTerm: path == "/support/search" ? request.queryText("term") ?? "" : "")
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
