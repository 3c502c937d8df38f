import Foundation
import LanternCore

/// An account's mail settings as `GET/PUT /api/v2/settings/mail` answer them (`from_name` and `support_address` are
/// `null` while the account uses `LANTERN_MAIL_FROM`'s).
struct MailSettingsDTO: Encodable {
    let fromName: String?
    let supportAddress: String?
    let notifications: [String: Bool]
    let updatedAt: Date?

    init(_ settings: MailSettings) {
        fromName = settings.fromName
        supportAddress = settings.supportAddress
        notifications = Dictionary(uniqueKeysWithValues: MailNotice.Kind.allCases.map { ($0.rawValue, settings[$0]) })
        updatedAt = settings.updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case fromName = "from_name"
        case supportAddress = "support_address"
        case notifications
        case updatedAt = "updated_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(fromName, forKey: .fromName)
        try container.encode(supportAddress, forKey: .supportAddress)
        try container.encode(notifications, forKey: .notifications)
        try container.encode(updatedAt, forKey: .updatedAt)
    }
}
