import Crypto
import Foundation

/// A visit: one browser on one UTC day. The widget frame and `/support` make a new random id every day, never
/// derived from the visitor (no address, e-mail, name or session); the event log stores only a hash of it, so
/// neither the log nor a copy of the browser's storage from another day ties two days' events together.
public enum AnalyticsVisit {
    /// The stored form of a day's visitor id: 32 hex digits of SHA-256.
    public static func key(_ visitorID: String) -> String {
        SHA256.hash(data: Data("lantern-visit:\(visitorID)".utf8)).prefix(16).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
