import Foundation
import Vapor

/// `/api/v2/settings/ticket_webhook`: where new tickets are posted (`url` `null` when none) and the signing secret.
struct TicketWebhookDTO: Content {
    let url: String?
    let secret: String?
    let updated_at: Date?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(url, forKey: .url)
        try container.encode(secret, forKey: .secret)
        try container.encode(updated_at, forKey: .updated_at)
    }
}
