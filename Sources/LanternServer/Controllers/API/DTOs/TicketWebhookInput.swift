/// The body of `PUT /api/v2/settings/ticket_webhook`: `url` tells absent (a 422) from `null` (turn it off).
struct TicketWebhookInput: Decodable {
    let url: NullableField<String>

    enum CodingKeys: String, CodingKey { case url }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        url = try container.decodeNullable(String.self, forKey: .url)
    }
}
