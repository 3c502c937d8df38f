import Vapor

/// `/demo`: a stand-in for the customer's own website, served only by `lantern serve --demo`. It embeds the widget
/// the documented way and signs the demo customers in the way a customer's server would: `POST /demo/token` mints
/// their JWT with the account's shared secret, on the server side.
struct DemoSiteController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("demo", use: page)
        routes.post("demo", "token", use: token)
    }

    @Sendable
    func page(request: Request) async throws -> Response {
        let (_, widget) = try await DemoSiteService.site(on: request.db)
        // The address the visitor used, when it is a plain host[:port] (anything else could break out of the page).
        let host = request.headers.first(name: .host).flatMap { host in
            host.range(of: #"^[A-Za-z0-9.\-]+(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$"#, options: .regularExpression) == nil ? nil : host
        } ?? "127.0.0.1:8080"
        let scheme = request.cameOverTLS ? "https" : "http"
        let page = DemoSitePage(widgetID: try widget.requireID(), baseURL: "\(scheme)://\(host)",
                                customers: DemoSeeder.customers.map { DemoSitePage.Customer(name: $0.name, email: $0.email) })
        // Not `HTML.response`: the stand-in site has its own inline script and no portal policy.
        var headers = HTTPHeaders()
        headers.contentType = .html
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: page.render().description))
    }

    struct TokenBody: Decodable {
        let email: String?
        let ttl: Int?
    }

    struct TokenDTO: Content {
        let token: String
        let expires_at: Int64
    }

    /// `{"email", "ttl"?}` → `{"token", "expires_at"}` for a demo customer, signed with the current shared secret.
    @Sendable
    func token(request: Request) async throws -> Response {
        let (account, _) = try await DemoSiteService.site(on: request.db)
        let body = try request.decodeBody(TokenBody.self)
        let minted = try DemoSiteService.mintToken(email: body.email, lifetime: body.ttl, account: account)
        let response = try ok(TokenDTO(token: minted.token, expires_at: minted.expiresAt))
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
