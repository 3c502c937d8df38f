/// A received message as `MIMEReader` reads it: its headers, its text and its files.
public struct IncomingMail: Sendable {
    /// One header field, unfolded, as written (encoded words not decoded).
    public struct Header: Sendable, Equatable {
        public let name: String
        public let value: String
    }

    /// A file of the message: an attachment, or an inline part such as an image of a `multipart/related` body.
    public struct Attachment: Sendable, Equatable {
        public let filename: String
        /// The type the message declared (Lantern stores the type its extension gives: `AttachmentPolicy`).
        public let contentType: String
        public let data: [UInt8]
        /// `Content-ID` without its angle brackets, for inline images.
        public let contentID: String?
        public let isInline: Bool
    }

    public let headers: [Header]
    /// The top-level `Content-Type`.
    public let contentType: MIMEHeaderValue
    /// The text body: the `text/plain` parts, or the HTML's text when there is none.
    public let text: String
    /// The `text/html` body as received (not sanitised), when there is one.
    public let html: String?
    public let attachments: [Attachment]

    /// The first header of this name (any case).
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }

    /// Every header of this name (any case), in order.
    public func headers(named name: String) -> [String] {
        let lower = name.lowercased()
        return headers.filter { $0.name.lowercased() == lower }.map(\.value)
    }

    public var from: Mailbox? { header("From").flatMap { Mailbox.list($0).first } }
    /// `To` and `Cc` together.
    public var recipients: [Mailbox] { (headers(named: "To") + headers(named: "Cc")).flatMap(Mailbox.list) }
    public var subject: String { header("Subject").map { EncodedWord.decode($0).trimmedOfWhitespace } ?? "" }
    public var messageID: String? { header("Message-ID").flatMap { Self.messageIDs(in: $0).first } }
    public var inReplyTo: [String] { headers(named: "In-Reply-To").flatMap(Self.messageIDs) }
    public var references: [String] { headers(named: "References").flatMap(Self.messageIDs) }

    /// The message ids in a `Message-ID`, `In-Reply-To` or `References` value, without angle brackets; a value with
    /// no brackets counts as one id.
    public static func messageIDs(in value: String) -> [String] {
        var ids: [String] = []
        var rest = Substring(value)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            let id = rest[rest.index(after: open)..<close].trimmedOfWhitespace
            if !id.isEmpty { ids.append(id) }
            rest = rest[rest.index(after: close)...]
        }
        if ids.isEmpty {
            let bare = value.trimmedOfWhitespace
            if !bare.isEmpty && !bare.contains(" ") { ids.append(bare) }
        }
        return ids
    }
}

extension Substring {
    var trimmedOfWhitespace: String { String(self).trimmedOfWhitespace }
}
