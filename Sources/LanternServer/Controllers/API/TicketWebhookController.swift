import Fluent
import Vapor

/// `/api/v2/settings/ticket_webhook` (admins only): the URL each new ticket is posted to and the secret its
/// signature uses. `PUT {"url": "https://…"}` sets it (a secret is generated the first time);
/// `PUT {"url": null}` turns it off.
struct TicketWebhookController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let webhook = routes.grouped("settings", "ticket_webhook")
        webhook.get(use: show)
        webhook.put(use: update)
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        return try Self.response(try await TicketWebhookService.show(accountID: caller.accountID, on: request.db))
    }

    @Sendable
    func update(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        let input = try request.decodeBody(TicketWebhookInput.self)
        return try Self.response(try await TicketWebhookService.update(accountID: caller.accountID, url: input.url,
                                                                            targets: request.application.webhookTargets, on: request.db))
    }

    private static func response(_ webhook: TicketWebhook?) throws -> Response {
        let response = try ok(TicketWebhookDTO(url: webhook?.url, secret: webhook?.secret, updated_at: webhook?.updatedAt))
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
