import Vapor

/// `/support/profile`: the signed-in customer's preferred language (the portal's and the widget's).
struct SupportProfileController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("profile", use: profile)
        routes.post("profile", use: save)
    }

    @Sendable
    func profile(request: Request) async throws -> Response {
        let context = try request.supportContext
        return try respond(request, context: context, flash: request.queryText("done") == "saved" ? "Your preferences are saved." : nil)
    }

    @Sendable
    func save(request: Request) async throws -> Response {
        let context = try request.supportContext
        let form = try await request.collectForm()
        guard let customer = context.customer else { throw PortalError.csrf }
        guard PortalSessionService.csrfMatches(form["csrf_token"], context.csrf) else { throw PortalError.csrf }
        let found: Bool
        do {
            found = try await SupportPortalService.setPreferredLanguage(form["language"] ?? "", contactID: customer.contact.id,
                                                                        supported: context.account.supportedLanguages, on: request.db)
        } catch let error as AppError where error.code == .validationFailed {
            return try respond(request, context: context, error: "Choose one of the listed languages.")
        }
        guard found else { throw PortalError.csrf }
        return seeOther("/support/profile?done=saved")
    }

    private func respond(_ request: Request, context: SupportContext, flash: String? = nil, error: String? = nil) throws -> Response {
        let customer = try context.requireCustomer()
        let page = SupportProfilePage(frame: context.frame(for: request), name: customer.contact.name, email: customer.contact.email,
                                      languages: context.account.supportedLanguages, preferredLanguage: customer.contact.language,
                                      flash: flash, error: error)
        return context.respond(page.render(), to: request, status: error == nil ? .ok : .unprocessableEntity)
    }
}
