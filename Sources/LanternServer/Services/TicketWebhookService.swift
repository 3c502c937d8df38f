import Fluent
import Foundation
import LanternCore

/// The account's ticket webhook: the URL each new ticket is posted to and the secret its signature uses
/// (generated the first time a URL is set).
enum TicketWebhookService {
    static let maximumURLLength = 2_000

    /// The account's webhook, or `nil` when it has none.
    static func show(accountID: Int, on db: any Database) async throws -> TicketWebhook? {
        try await TicketWebhook.query(on: db).filter(\.$accountID == accountID).first()
    }

    /// Sets the URL (`.null` turns the webhook off) and returns the webhook now in place, or throws 422
    /// `validation_failed` when the URL is absent, not an absolute URL, or a destination `targets` refuses.
    static func update(accountID: Int, url: NullableField<String>, targets: WebhookTargetGuard,
                       on db: any Database) async throws -> TicketWebhook? {
        let existing = try await show(accountID: accountID, on: db)
        switch url {
        case .absent:
            throw AppError.validation(["url": "is required (null turns the webhook off)"])
        case .null:
            try await existing?.delete(on: db)
            return nil
        case .value(let raw):
            guard let url = validURL(raw) else {
                throw AppError.validation(["url": "must be an absolute http:// or https:// URL of at most 2,000 characters"])
            }
            do {
                _ = try await targets.check(url)
            } catch let refusal as WebhookTargetGuard.Refusal {
                throw AppError.validation(["url": refusal.description])
            }
            let webhook = existing ?? TicketWebhook(accountID: accountID, url: url, secret: SecretGenerator.sharedSecret())
            webhook.url = url
            try await answeringDuplicate("url") { try await webhook.save(on: db) }
            return webhook
        }
    }

    private static func validURL(_ raw: String) -> String? {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard trimmed.count <= maximumURLLength,
              !trimmed.unicodeScalars.contains(where: { FieldErrors.isControl($0, allowingLineBreaks: false) }),
              let components = URLComponents(string: trimmed),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty else { return nil }
        return trimmed
    }
}
