import Fluent
import LanternCore
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
        let caller = try request.requireAdmin()
        let webhook = try await TicketWebhook.query(on: request.db).filter(\.$accountID == caller.accountID).first()
        return try Self.response(webhook)
    }

    @Sendable
    func update(request: Request) async throws -> Response {
        let caller = try request.requireAdmin()
        let input = try request.decodeBody(TicketWebhookInput.self)
        let existing = try await TicketWebhook.query(on: request.db).filter(\.$accountID == caller.accountID).first()
        switch input.url {
        case .absent:
            throw APIError.validation(["url": "is required (null turns the webhook off)"])
        case .null:
            try await existing?.delete(on: request.db)
            return try Self.response(nil)
        case .value(let raw):
            guard let url = Self.validURL(raw) else {
                throw APIError.validation(["url": "must be an absolute http:// or https:// URL of at most 2,000 characters"])
            }
            let webhook = existing ?? TicketWebhook(accountID: caller.accountID, url: url, secret: SecretGenerator.sharedSecret())
            webhook.url = url
            try await answeringDuplicate("url") { try await webhook.save(on: request.db) }
            return try Self.response(webhook)
        }
    }

    static func validURL(_ raw: String) -> String? {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard trimmed.count <= 2_000, !trimmed.unicodeScalars.contains(where: { FieldErrors.isControl($0, allowingLineBreaks: false) }),
              let components = URLComponents(string: trimmed),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty else { return nil }
        return trimmed
    }

    private static func response(_ webhook: TicketWebhook?) throws -> Response {
        let response = try ok(TicketWebhookDTO(url: webhook?.url, secret: webhook?.secret, updated_at: webhook?.updatedAt))
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
