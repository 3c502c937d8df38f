/// An optional that a DTO writes as JSON `null` when it has no value (a plain optional property is left out).
struct JSONNullable<Wrapped: Codable & Sendable>: Codable, Sendable {
    let value: Wrapped?

    init(_ value: Wrapped?) {
        self.value = value
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        value = container.decodeNil() ? nil : try container.decode(Wrapped.self)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encodeNil() }
    }
}
