import LanternCore

/// `PUT /api/v2/settings/mail` and the portal's mail settings form: what to change. An absent field stays as it is;
/// `null` clears `from_name` or `support_address` (back to `LANTERN_MAIL_FROM`'s).
struct MailSettingsInput: Decodable, Sendable {
    var fromName: NullableField<String> = .absent
    var supportAddress: NullableField<String> = .absent
    var notifications: [MailNotice.Kind: Bool] = [:]

    enum CodingKeys: String, CodingKey {
        case fromName = "from_name"
        case supportAddress = "support_address"
        case notifications
    }

    init(fromName: NullableField<String> = .absent, supportAddress: NullableField<String> = .absent,
         notifications: [MailNotice.Kind: Bool] = [:]) {
        self.fromName = fromName
        self.supportAddress = supportAddress
        self.notifications = notifications
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        fromName = try container.decodeNullable(String.self, forKey: .fromName)
        supportAddress = try container.decodeNullable(String.self, forKey: .supportAddress)
        let flags = try container.decodeIfPresent([String: Bool].self, forKey: .notifications) ?? [:]
        for (name, value) in flags {
            guard let kind = MailNotice.Kind(rawValue: name) else {
                throw AppError.validation(["notifications": "has no setting \"\(name.prefix(60))\" (the settings are \(MailNotice.Kind.allCases.map(\.rawValue).joined(separator: ", ")))"])
            }
            notifications[kind] = value
        }
    }
}
