/// A field of a change that may be absent (leave it as it is), `null` (clear it) or a value: how a JSON body tells
/// "not sent" from "sent as null".
enum NullableField<Value: Decodable & Sendable>: Sendable {
    case absent
    case null
    case value(Value)
}

extension KeyedDecodingContainer {
    /// The field at `key`: `.absent` when the key is missing, `.null` when it is `null`.
    func decodeNullable<Value: Decodable & Sendable>(_ type: Value.Type, forKey key: Key) throws -> NullableField<Value> {
        guard contains(key) else { return .absent }
        if try decodeNil(forKey: key) { return .null }
        return .value(try decode(Value.self, forKey: key))
    }
}
