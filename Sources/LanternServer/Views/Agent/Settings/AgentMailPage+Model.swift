import Foundation

/// `/agent/settings/mail`: whether mail goes out (`LANTERN_SMTP_URL`), the account's sender, support address and
/// notifications, the outbox's counts and its failed messages, each with a retry button.
struct AgentMailPage: Sendable {
    let csrf: String
    /// `LANTERN_SMTP_URL` without its password; nil when mail is off.
    let smtp: String?
    /// `LANTERN_MAIL_FROM`'s address, used when the account sets no support address.
    let defaultAddress: String?
    /// The form's values: as stored, or as a refused post sent them.
    var fromName: String
    var supportAddress: String
    var notifications: [(name: String, label: String, on: Bool)]
    /// How many messages are pending, sent and failed.
    let counts: (pending: Int, sent: Int, failed: Int)
    let failed: [Failed]
    var flash: String? = nil
    var errors: [String: String] = [:]

    /// A message that was not sent.
    struct Failed: Sendable {
        let id: Int
        let ticketID: Int
        let to: String
        let kind: String
        let attempts: Int
        let lastError: String
        let createdAt: Date?
    }
}
