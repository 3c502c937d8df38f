import Foundation

/// Mail that must create nothing and send nothing (RFC 3834): delivery reports (bounces), read receipts,
/// auto-replies, bulk and list mail, and mail from Lantern's own addresses.
public enum AutomaticMail {
    /// Why a message is automatic, or `nil` when a person wrote it. `ownAddresses` are normalised addresses
    /// Lantern sends from; any reply address (`ReplyAddress`) counts as Lantern's own too.
    public static func reason(_ mail: IncomingMail, ownAddresses: Set<String>) -> String? {
        let type = mail.contentType.value
        if type == "multipart/report" || type == "message/delivery-status" || type == "message/disposition-notification" {
            return "a delivery or read report (\(type))"
        }
        if let returnPath = mail.header("Return-Path"), returnPath.replacingOccurrences(of: " ", with: "") == "<>" {
            return "a bounce (empty Return-Path)"
        }
        let sender = mail.from.flatMap { EmailAddress($0.address)?.value }
        if let sender, let local = sender.split(separator: "@").first, ["mailer-daemon", "postmaster"].contains(String(local)) {
            return "a bounce (from \(local))"
        }
        if let auto = mail.header("Auto-Submitted"), auto.split(separator: ";").first?.trimmedOfWhitespace.lowercased() != "no" {
            return "automatic (Auto-Submitted: \(auto.prefix(40)))"
        }
        if let precedence = mail.header("Precedence")?.trimmedOfWhitespace.lowercased(), ["bulk", "junk", "list"].contains(precedence) {
            return "bulk mail (Precedence: \(precedence))"
        }
        for name in ["X-Autoreply", "X-Autorespond", "X-Auto-Reply"] where mail.header(name) != nil {
            return "an auto-reply (\(name))"
        }
        if let sender, ownAddresses.contains(sender) || ReplyAddress.parse(sender) != nil {
            return "from Lantern's own address"
        }
        return nil
    }
}
