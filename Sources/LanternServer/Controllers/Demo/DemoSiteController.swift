import Fluent
import Vapor

/// `/demo`: a stand-in for the customer's own website, served only by `lantern serve --demo`.
struct DemoSiteController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("demo", use: page)
    }

    @Sendable
    func page(request: Request) async throws -> Response {
        guard let account = try await Account.query(on: request.db).filter(\.$name == DemoSeeder.accountName).first(),
              let widget = try await Widget.query(on: request.db).filter(\.$accountID == account.requireID())
                  .sort(\.$id).first()
        else {
            throw APIError.notFound("demo_not_seeded", "The demo account does not exist; start Lantern with `lantern serve --demo`.")
        }
        let html = DemoSitePage.render(widgetID: try widget.requireID(), customers: DemoSeeder.customers.map(\.email))
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: .ok, headers: headers, body: .init(string: html))
    }
}

/// The HTML of the demo customer website.
enum DemoSitePage {
    static func render(widgetID: Int, customers: [String]) -> String {
        let options = customers.map { "<li><code>\($0)</code></li>" }.joined()
        return """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Brightbill — invoicing for small businesses</title>
          <style>
            body { font-family: system-ui, sans-serif; margin: 0; color: #1d2433; background: #f6f7fb; }
            header { background: #24346b; color: #fff; padding: 1rem 2rem; display: flex; justify-content: space-between; align-items: center; }
            main { max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
            .card { background: #fff; border-radius: .5rem; padding: 1.5rem; box-shadow: 0 1px 3px rgba(0,0,0,.1); margin-bottom: 1rem; }
          </style>
        </head>
        <body>
          <header><strong>Brightbill</strong><span>Invoices that get paid</span></header>
          <main>
            <section class="card">
              <h1>Send invoices, get paid faster</h1>
              <p>This page stands for the website of a company that uses Lantern for its help center.
                 It embeds Lantern's help widget (widget <code id="demo-widget-id">\(widgetID)</code>).</p>
            </section>
            <section class="card">
              <h2>Demo customers</h2>
              <p>These customers exist in the demo account; signing in as them shows their private articles.</p>
              <ul>\(options)</ul>
            </section>
          </main>
        </body>
        </html>
        """
    }
}
