import Vapor

/// An error a portal page answers as an HTML page with its status (`PortalErrorMiddleware` renders it).
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
