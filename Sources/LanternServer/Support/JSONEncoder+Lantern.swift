import Foundation

extension JSONEncoder {
    /// Lantern's API encoding: ISO 8601 dates, keys as the DTOs spell them.
    static var lantern: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}
